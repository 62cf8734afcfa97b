import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
	{ ignores: ['build/**', 'node_modules/**', 'data/**', '.cache/**', '.ci-out/**', 'public/**', 'db/seed/demo.json'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: { globals: { ...globals.node, ...globals.browser } },
		plugins: { 'react-hooks': reactHooks },
		rules: {
			...reactHooks.configs.recommended.rules,
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'@typescript-eslint/no-empty-object-type': 'off',
			// RELIABILITY R22: raw SQL never carries user input.
			'no-restricted-properties': [
				'error',
				{ object: 'sql', property: 'raw', message: 'sql.raw bypasses parameter binding (R22)' },
				{ object: 'sql', property: 'lit', message: 'sql.lit bypasses parameter binding (R22)' },
			],
		},
	},
	{
		// Kysely's migration convention: migrations never depend on the evolving Database type.
		files: ['db/migrations/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' },
	},
	{
		files: ['app/routes/**'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: "CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom)$/]",
					message: 'Routes stay thin: database access belongs in app/models/*.server.ts',
				},
				{ selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No injected HTML (R26)' },
			],
		},
	},
)
