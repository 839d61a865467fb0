// Preloaded (`node --require`) into @doyensec/electronegativity@1.10.3 by scripts/electronegativity.mjs.
// It fixes what keeps that CLI from being a trustworthy gate here, and nothing else:
// 1. It crashes at start: the hoisted @typescript-eslint/typescript-estree requires our `typescript`,
//    TypeScript 7 (native, no JS API). Electronegativity ships its own TypeScript 4.2 next to it: use that.
// 2. Its CSV writer truncates-and-writes the header and appends the rows with two racing async
//    fs.writeFile calls, so the header can overwrite the first rows. Writes are made synchronous here.
// 3. It fetches translations over the network (a 1 s timeout, and answers that vary): refused, so the
//    bundled en-US text is used and the run is offline and repeatable.
// 4. With `-o` it drops parse errors silently, and a file it could not parse is a file it did not check.
//    Every parse or check error is written to stderr as `electronegativity-gate:error\t<file>\t<message>`.
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const BUNDLED_TYPESCRIPT = path.join(PACKAGE, 'node_modules', 'typescript');
const ERROR_MARK = 'electronegativity-gate:error';

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request === 'typescript' ? BUNDLED_TYPESCRIPT : request, ...rest);
};

fs.writeFile = (file, data, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  try {
    fs.writeFileSync(file, data, typeof options === 'function' ? undefined : options);
  } catch (error) {
    return done(error);
  }
  return done(null);
};

const reportError = (file, error) =>
  process.stderr.write(`${ERROR_MARK}\t${file}\t${String(error?.message ?? error).replace(/\s+/g, ' ')}\n`);

const wrapped = new WeakSet();
function watchErrors(exports) {
  const parser = exports?.Parser?.prototype;
  if (parser?.parse && !wrapped.has(parser)) {
    wrapped.add(parser);
    const parse = parser.parse;
    parser.parse = function (file, ...rest) {
      try {
        return parse.call(this, file, ...rest);
      } catch (error) {
        reportError(file, error);
        throw error;
      }
    };
  }
  const finder = exports?.Finder?.prototype;
  if (finder?.find && !wrapped.has(finder)) {
    wrapped.add(finder);
    const find = finder.find;
    finder.find = async function (file, ...rest) {
      try {
        return await find.call(this, file, ...rest);
      } catch (error) {
        reportError(file, error);
        throw error;
      }
    };
  }
}

const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') return () => Promise.reject(new Error('offline: electronegativity gate'));
  const exports = load.call(this, request, ...rest);
  // Only its own parser and finder modules (`./parser`, `./finder`): probing others trips circular requires.
  if (/^\.\/(parser|finder)$/.test(request)) watchErrors(exports);
  return exports;
};
