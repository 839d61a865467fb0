import { expect, test } from 'vitest';
import { changedRanges } from './mutation.mjs';

const MODULES = ['electron/core/documents/save.ts', 'localbox/domain/paths.ts'];

/** A `git diff -U0` as git prints it: a header per file, a hunk per changed run of lines. */
const DIFF = `diff --git a/electron/core/documents/save.ts b/electron/core/documents/save.ts
index 1111111..2222222 100644
--- a/electron/core/documents/save.ts
+++ b/electron/core/documents/save.ts
@@ -10,2 +10,3 @@ export async function save(
+  const a = 1;
@@ -40 +41 @@ function commit(
-  old();
+  fresh();
@@ -60,3 +60,0 @@ function gone(
-  removed();
diff --git a/electron/core/other.ts b/electron/core/other.ts
--- a/electron/core/other.ts
+++ b/electron/core/other.ts
@@ -1,0 +2,5 @@
+  not a heart module
diff --git a/localbox/domain/paths.ts b/localbox/domain/paths.ts
--- /dev/null
+++ b/localbox/domain/paths.ts
@@ -0,0 +1,84 @@
+new file
`;

test('names the new lines of each touched heart module, and only those modules', () => {
  expect(Object.fromEntries(changedRanges(DIFF, MODULES))).toEqual({
    'electron/core/documents/save.ts': [
      'electron/core/documents/save.ts:10-12',
      'electron/core/documents/save.ts:41-41',
      // Three lines deleted after line 60: the lines on either side are what changed.
      'electron/core/documents/save.ts:60-61',
    ],
    'localbox/domain/paths.ts': ['localbox/domain/paths.ts:1-84'],
  });
});

test('a deleted heart module and a diff that touches none of them ask for no run', () => {
  const deleted = '--- a/localbox/domain/paths.ts\n+++ /dev/null\n@@ -1,84 +0,0 @@\n-gone\n';
  expect(changedRanges(deleted, MODULES).size).toBe(0);
  expect(changedRanges('', MODULES).size).toBe(0);
});
