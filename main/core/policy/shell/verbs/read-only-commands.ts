/** Commands that only look: they read files or state and print. Anything they write goes through a redirect, checked separately. */
export const readOnlyCommands = new Set(
  `ls ll la dir vdir cat tac head tail less more most bat grep egrep fgrep rg ag ack zgrep zcat bzcat xzcat wc sort uniq cut paste join
  column nl fold fmt pr expand unexpand tr rev comm diff diff3 sdiff cmp colordiff md5sum sha1sum sha256sum sha512sum b2sum cksum sum
  base32 base64 basenc xxd hexdump od strings file stat du df free uptime w who whoami id groups users last lastlog logname tty
  uname hostnamectl arch nproc lscpu lsblk lsusb lspci lsmod lshw dmidecode blkid findmnt lsof ps pstree pgrep pidof top htop btop
  atop iotop vmstat iostat mpstat sar netstat ss ifconfig route arp ping ping6 traceroute tracepath mtr nslookup host whois
  echo printf pwd date cal which whereis type command hash true false test [ [[ sleep seq yes jq yq gron xq tree realpath readlink
  basename dirname env printenv locale getent getconf info tldr apropos whatis help history fc jobs alias tput clear reset
  stty dirs cd pushd popd exit return break continue trap : export unset shopt set declare typeset local readonly let read wait times ulimit umask getopts shift
  journalctl dmesg last watch timedatectl localectl loginctl resolvectl numfmt factor expr bc dc awk-print nm objdump ldd
  readelf size file locate mlocate fd fdfind exa eza lsd glow delta tokei cloc scc htop nvidia-smi sensors tail jless csvlook
  kubectx kubens k9s-info docker-credential-desktop pbpaste wl-paste xclip-o git-log ncdu duf procs dust hyperfine`.split(/\s+/),
);
