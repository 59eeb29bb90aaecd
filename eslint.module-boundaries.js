// Modules talk through services: a module may not import another module's repository (`*.repository`)
// or table types (`*.tables`); it calls that module's service instead. One `no-restricted-imports`
// block per folder in src/modules, generated here so a new module is covered without editing the list.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function moduleNames(root) {
  return readdirSync(path.join(root, 'src/modules'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function moduleBoundaries(modules) {
  return modules.map((name) => {
    const others = modules.filter((other) => other !== name);
    return {
      files: [`src/modules/${name}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: others.length
              ? [
                  {
                    regex: `(^|/)(${others.map(escape).join('|')})/[^/]+\\.(repository|tables)(\\.js)?$`,
                    message: `Module '${name}' may not use another module's repository or tables: call that module's service.`,
                  },
                ]
              : [],
          },
        ],
      },
    };
  });
}
