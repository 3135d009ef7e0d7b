# Sourced by the tasks' setup.sh: makes sure the engine answers and the local test image exists.
# Nothing can be pulled here, so the image is the one e2e/fixtures/docker-engine.ts makes: the
# host's busybox imported as a one-layer image (built the same way when it is missing).
EVAL_IMAGE=reign-test/busybox:1

ensure_eval_image() {
  docker info --format '{{.ServerVersion}}' >/dev/null || { echo "no Docker engine answers (start it, or set DOCKER_HOST)"; return 1; }
  docker image inspect "$EVAL_IMAGE" >/dev/null 2>&1 && return 0
  local busybox root applet
  busybox=$(command -v busybox) || { echo "$EVAL_IMAGE is missing and busybox is not installed to build it (apt-get install busybox-static)"; return 1; }
  root=$(mktemp -d)
  mkdir -p "$root"/{bin,www,tmp,data,etc}
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"; done
  echo '<h1>reign test</h1>' > "$root/www/index.html"
  echo 'root:x:0:0:root:/:/bin/sh' > "$root/etc/passwd"
  tar -C "$root" -c . | docker import --change 'CMD ["sh"]' --change 'ENV PATH=/bin' - "$EVAL_IMAGE" >/dev/null
  local status=$?
  rm -rf "$root"
  return $status
}
