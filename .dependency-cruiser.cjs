/**
 * The layers' rules (ARCHITECTURE.md): no circles, and no import that runs back up a layer.
 * `npm test` runs it (`npm run check:deps`).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other, directly or through others, cannot be read or tested alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'core/ is the pure domain: it imports no edge (LivePerson client, AWS, CLI, handler, run).',
      from: { path: '^functions/core/' },
      to: { path: '^functions/(liveperson|aws|cli|holiday-import|import-run)/' },
    },
    {
      name: 'liveperson-below-the-run',
      severity: 'error',
      comment: 'The LivePerson client knows nothing of the run, the CLI, AWS or the handler.',
      from: { path: '^functions/liveperson/' },
      to: { path: '^functions/(aws|cli|holiday-import|import-run)/' },
    },
    {
      name: 'commons-below-the-edges',
      severity: 'error',
      comment: 'commons/ holds shared helpers; it imports no edge module.',
      from: { path: '^functions/commons/' },
      to: { path: '^functions/(liveperson|aws|cli|holiday-import|import-run)/' },
    },
    {
      name: 'run-below-the-entries',
      severity: 'error',
      comment: 'The import run serves the handler and the CLI; it imports neither.',
      from: { path: '^functions/import-run/' },
      to: { path: '^functions/(cli|holiday-import)/' },
    },
    {
      name: 'cdk-not-into-the-cli',
      severity: 'error',
      comment: 'The stack validates the config with the code core/ and commons/ offer, not the CLI.',
      from: { path: '^cdk/' },
      to: { path: '^functions/(cli|holiday-import|import-run)/' },
    },
    {
      name: 'product-not-into-tests',
      severity: 'error',
      comment: 'Product code (functions, cdk, bundling, scripts, bench, the sandbox) never imports test/.',
      from: { path: '^(functions|cdk|bundling|scripts|bench|sandbox)/' },
      to: { path: '^test/' },
    },
    {
      name: 'functions-not-into-tooling',
      severity: 'error',
      comment: 'The function and the CLI import nothing of the build, the stack, the demo or the bench.',
      from: { path: '^functions/' },
      to: { path: '^(cdk|bundling|scripts|bench|sandbox)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|cdk\\.out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
