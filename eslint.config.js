import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'public/build/', '.local/', '.cache/', 'node_modules/', 'app/types/database.types.ts', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // One configured zod (app/utils/zod.ts): the browser must never meet zod's eval probe.
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/utils/zod.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'zod', message: "Import { z } from '~/utils/zod' (configured for our CSP)." }] }],
    },
  },
  {
    // Every page lives under its language (app/i18n/locales.ts): links, form actions and
    // redirects to pages go through useLocalizedPath() / localizedPath(). Unprefixed are only
    // the routes that have no language: /logout, /language, /account/export, /auth/confirm, and
    // '/' itself (it negotiates).
    files: ['app/**/*.tsx', 'app/routes/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXAttribute[name.name=/^(to|action|href)$/] > Literal[value=/^\\/(?!(logout|language|account\\/export|auth\\/confirm)\\b)./]',
          message: "Page links carry the language: e.g. to={to('/cart')} with const to = useLocalizedPath().",
        },
        {
          selector: 'JSXAttribute[name.name=/^(to|action|href)$/] > JSXExpressionContainer > TemplateLiteral > TemplateElement:first-child[value.raw=/^\\//]',
          message: "Page links carry the language: e.g. to={to(`/products/${slug}`)} with const to = useLocalizedPath().",
        },
        {
          selector: "CallExpression[callee.name='redirect'] > Literal:first-child[value=/^\\/./]",
          message: 'Redirect to a page in the request’s language: redirect(localizedPath(locale, …)).',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
