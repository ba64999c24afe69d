/**
 * Rewrites `import.meta` in ES-module packages that Jest compiles to CommonJS. Unlike the usual plugins it
 * emits no `require(...)`, because these packages declare a local `const require = createRequire(...)`
 * that would shadow it.
 */
module.exports = function importMetaToCommonJs({ template }) {
  const fileUrl =
    "new URL('file://' + encodeURI(__filename).replace(/[?#]/g, encodeURIComponent)).href";
  const replacements = {
    url: () => template.expression.ast(fileUrl),
    filename: () => template.expression.ast('__filename'),
    dirname: () => template.expression.ast('__dirname'),
    resolve: () =>
      template.expression.ast(
        "(specifier) => new URL('file://' + encodeURI(module.require.resolve(specifier))).href",
      ),
  };
  return {
    name: 'import-meta-to-commonjs',
    visitor: {
      MetaProperty(path) {
        if (path.node.meta.name !== 'import' || path.node.property.name !== 'meta') return;
        const member = path.parentPath;
        const name = member.isMemberExpression() ? member.node.property.name : undefined;
        const replace = name && replacements[name];
        if (!replace)
          throw member.buildCodeFrameError(`import.meta.${name} has no CommonJS rewrite`);
        member.replaceWith(replace());
      },
    },
  };
};
