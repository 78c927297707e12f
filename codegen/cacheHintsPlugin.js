// A graphql-codegen plugin that emits the schema's @cacheControl(maxAge:) hints as a map
// ("Type" or "Type.field" → seconds): printSchema drops directive uses, and the server's cache
// policy (src/cache/policy.ts) needs them without reading schema.graphql at run time.
const { isObjectType, isInterfaceType } = require('graphql');

function maxAgeOf(node) {
  const directive = node?.directives?.find((d) => d.name.value === 'cacheControl');
  const argument = directive?.arguments?.find((a) => a.name.value === 'maxAge');
  return argument?.value.kind === 'IntValue' ? Number(argument.value.value) : null;
}

module.exports = {
  plugin(schema) {
    const hints = {};
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const typeHint = maxAgeOf(type.astNode);
      if (typeHint !== null) hints[type.name] = typeHint;
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const hint = maxAgeOf(field.astNode);
        if (hint !== null) hints[`${type.name}.${field.name}`] = hint;
      }
    }
    const sorted = Object.fromEntries(Object.entries(hints).sort(([a], [b]) => a.localeCompare(b)));
    return [
      '/** Seconds of each @cacheControl(maxAge:) hint: "Type" or "Type.field" → maxAge. */',
      `export const cacheHints: Readonly<Record<string, number>> = ${JSON.stringify(sorted, null, 2)};`,
      '',
    ].join('\n');
  },
};
