import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { findAssetDir } from '../../resources';

/** The chart templates Reign ships (`templates/helm/<name>/`). */
export function helmTemplateNames(): string[] {
  const root = join(findAssetDir('templates'), 'helm');
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort();
}

function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path).split(sep).join('/')];
  });
}

/**
 * A template's files for a chart called `chart`: the chart's name in Chart.yaml and the prefix of
 * its named templates (`"microservice.fullname"`) are renamed, as `helm create` names its own, so
 * two charts made from one template can be subcharts of one parent without their names colliding.
 */
export function chartFromTemplate(template: string, chart: string): { path: string; content: string }[] {
  const names = helmTemplateNames();
  if (!names.includes(template)) throw new Error(`There is no Helm chart template "${template}"; templates: ${names.join(', ')}.`);
  const dir = join(findAssetDir('templates'), 'helm', template);
  return filesUnder(dir)
    .sort()
    .map((path) => {
      let content = readFileSync(join(dir, path), 'utf8');
      if (path === 'Chart.yaml') content = content.replace(new RegExp(`^name: ${template}$`, 'm'), `name: ${chart}`);
      else if (path.startsWith('templates/')) content = content.replaceAll(`"${template}.`, `"${chart}.`);
      return { path, content };
    });
}
