import { stringify } from 'yaml';

// The text of the files of a chart converted from a compose project: Chart.yaml, values.yaml and
// the templates, which read everything that may change from values.

/** A string as a quoted YAML scalar that helm's template engine leaves alone. */
export const literal = (text: string): string => JSON.stringify(text).replaceAll('{{', () => '{{ "{{" }}');

const labelsBlock = (name: string, indent: string): string =>
  [`${indent}app.kubernetes.io/name: ${name}`, `${indent}app.kubernetes.io/instance: {{ .Release.Name }}`].join('\n');

const metadataLabels = (name: string): string =>
  `  labels:\n${labelsBlock(name, '    ')}\n    app.kubernetes.io/managed-by: {{ .Release.Service }}\n    helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}`;

/** What the conversion decided for one service, to write its templates from. */
export interface ServicePlan {
  readonly name: string;
  readonly values: Record<string, unknown>;
  readonly secretKeys: string[];
  readonly mounts: { volume: string; mountPath: string; readOnly: boolean; subPath?: string }[];
  readonly podVolumes: string[];
  readonly ports: { port: number; protocol: 'TCP' | 'UDP'; name: string }[];
}

/** values.yaml, headed by what each part is for and which values the person must fill. */
export function valuesText(values: Record<string, unknown>, fillIn: readonly { path: string; from: string }[]): string {
  const header = [
    '# Values of the chart Reign converted from a compose project.',
    '# services.NAME: image, replicas, env, probes and limits of each Deployment.',
    '# volumes.NAME.persistent: false mounts an emptyDir (data lost with the pod) instead of a PersistentVolumeClaim.',
    ...(fillIn.length
      ? ['# Left empty on purpose, fill them at install (helm.install set, or a values file kept out of version control):', ...fillIn.map((entry) => `#   ${entry.path}  (${entry.from})`)]
      : []),
  ];
  return `${header.join('\n')}\n${stringify(values, { lineWidth: 0 })}`;
}

/** A service's Deployment: its structure (env from Secrets, mounts, ports) fixed, the rest read from values. */
export function deploymentTemplate(plan: ServicePlan): string {
  const { name } = plan;
  const secretEnv = plan.secretKeys.map((key) => `            - name: ${literal(key)}\n              valueFrom:\n                secretKeyRef:\n                  name: ${name}-env\n                  key: ${literal(key)}`);
  const mounts = plan.mounts.map((mount) => `            - name: ${mount.volume}\n              mountPath: ${literal(mount.mountPath)}${mount.subPath ? `\n              subPath: ${literal(mount.subPath)}` : ''}${mount.readOnly ? '\n              readOnly: true' : ''}`);
  const lines = [
    `{{- $s := index .Values.services ${literal(name)} }}`,
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    metadataLabels(name),
    'spec:',
    '  replicas: {{ $s.replicas }}',
    '  selector:',
    '    matchLabels:',
    labelsBlock(name, '      '),
    '  template:',
    '    metadata:',
    '      labels:',
    labelsBlock(name, '        '),
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: "{{ required ${literal(`services.${name}.image.repository is empty: set the image to deploy`)} $s.image.repository }}{{ with $s.image.tag }}:{{ . }}{{ end }}"`,
    '          imagePullPolicy: {{ $s.image.pullPolicy | default "IfNotPresent" }}',
    '          {{- with $s.command }}',
    '          command: {{ toJson . }}',
    '          {{- end }}',
    '          {{- with $s.args }}',
    '          args: {{ toJson . }}',
    '          {{- end }}',
    '          {{- with $s.workingDir }}',
    '          workingDir: {{ . | quote }}',
    '          {{- end }}',
    // Without secrets, an empty env map leaves the key out rather than writing `env: null`.
    ...(secretEnv.length ? ['          env:', '            {{- range $key, $value := $s.env }}'] : ['          {{- with $s.env }}', '          env:', '            {{- range $key, $value := . }}']),
    '            - name: {{ $key | quote }}',
    '              value: {{ $value | toString | quote }}',
    '            {{- end }}',
    ...(secretEnv.length ? secretEnv : ['          {{- end }}']),
    ...(plan.ports.length ? ['          ports:', ...plan.ports.map((port) => `            - name: ${port.name}\n              containerPort: ${port.port}\n              protocol: ${port.protocol}`)] : []),
    ...['readinessProbe', 'livenessProbe', 'resources', 'securityContext'].flatMap((key) => [`          {{- with $s.${key} }}`, `          ${key}:`, '            {{- toYaml . | nindent 12 }}', '          {{- end }}']),
    ...(mounts.length ? ['          volumeMounts:', ...mounts] : []),
    ...(plan.podVolumes.length ? ['      volumes:', ...plan.podVolumes] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** A ClusterIP Service named as the compose service, so other services reach it by the same name. */
export function serviceTemplate(plan: ServicePlan): string {
  const ports = plan.ports.map((port) => `    - name: ${port.name}\n      port: ${port.port}\n      targetPort: ${port.name}\n      protocol: ${port.protocol}`);
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${plan.name}\n${metadataLabels(plan.name)}\nspec:\n  type: ClusterIP\n  selector:\n${labelsBlock(plan.name, '    ')}\n  ports:\n${ports.join('\n')}\n`;
}

/** The claim of a named volume (`volume` as in the compose file, `name` its Kubernetes name), unless values make it an emptyDir. */
export function pvcTemplate(volume: string, name: string): string {
  return [
    `{{- $v := index .Values.volumes ${literal(volume)} }}`,
    '{{- if $v.persistent }}',
    'apiVersion: v1',
    'kind: PersistentVolumeClaim',
    'metadata:',
    `  name: ${name}`,
    metadataLabels(name),
    'spec:',
    '  accessModes: ["ReadWriteOnce"]',
    '  {{- with $v.storageClass }}',
    '  storageClassName: {{ . | quote }}',
    '  {{- end }}',
    '  resources:',
    '    requests:',
    '      storage: {{ $v.size | quote }}',
    '{{- end }}',
    '',
  ].join('\n');
}

/** Secrets whose values come only from values the person supplies; an empty one stops the install and says which. */
export function secretsTemplate(chart: string): string {
  const required = (path: string) => `{{ required (printf "${path} is empty: set it at install (helm.install set) or in a values file kept out of version control" $service $key) $value | toString | quote }}`;
  return [
    '{{- range $service, $keys := .Values.secrets.env }}',
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: {{ $service }}-env',
    'type: Opaque',
    'stringData:',
    '  {{- range $key, $value := $keys }}',
    `  {{ $key | quote }}: ${required('secrets.env.%s.%s')}`,
    '  {{- end }}',
    '{{- end }}',
    '{{- with .Values.secrets.files }}',
    '{{- $service := "files" }}',
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${chart}-files`,
    'type: Opaque',
    'stringData:',
    '  {{- range $key, $value := . }}',
    `  {{ $key | quote }}: ${required('secrets.%s.%s')}`,
    '  {{- end }}',
    '{{- end }}',
    '',
  ].join('\n');
}
