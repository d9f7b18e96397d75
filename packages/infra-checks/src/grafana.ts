import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { infraPath } from './paths';

export interface ProvisionedDatasource {
  name: string;
  uid: string;
  type: string;
  url?: string;
  access?: string;
  isDefault?: boolean;
  jsonData?: Record<string, unknown>;
  /** The provisioning file it came from. */
  file: string;
}

export const DATASOURCES_DIR = infraPath('grafana', 'provisioning', 'datasources');

/** Every datasource of every YAML file under infra/grafana/provisioning/datasources. */
export function loadDatasources(directory: string = DATASOURCES_DIR): ProvisionedDatasource[] {
  return readdirSync(directory)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .flatMap((file) => {
      const document = parse(readFileSync(`${directory}/${file}`, 'utf8')) as {
        datasources?: Omit<ProvisionedDatasource, 'file'>[];
      };
      return (document.datasources ?? []).map((datasource) => ({ ...datasource, file }));
    });
}
