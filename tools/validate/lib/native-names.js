'use strict';

// Extracts the names a Node-API library is known by from each kind of source that names it:
// the shared library file a CMakeLists.txt builds, the nm_modname a C/C++ file registers, and
// the lib*.so specifiers ArkTS code imports.

function stripCmakeComments(text) {
  return text.replace(/#\[(=*)\[[\s\S]*?\]\1\]/g, '').replace(/#[^\n]*/g, '');
}

// Splits a CMake argument list, keeping quoted arguments whole.
function cmakeArgs(text) {
  const args = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|([^\s"]+)/g;
  let m;
  while ((m = pattern.exec(text)) !== null) {
    args.push(m[1] !== undefined ? m[1] : m[2]);
  }
  return args;
}

function cmakeCommands(text) {
  const commands = [];
  const pattern = /\b([A-Za-z_][A-Za-z0-9_]*)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g;
  let m;
  while ((m = pattern.exec(stripCmakeComments(text))) !== null) {
    commands.push({ name: m[1].toLowerCase(), args: cmakeArgs(m[2]) });
  }
  return commands;
}

// Returns [{ target, fileName }] for each SHARED/MODULE library the CMakeLists.txt adds.
function cmakeSharedLibraries(text) {
  const vars = new Map();
  const expand = (value) => value.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name) =>
    (vars.has(name) ? vars.get(name) : whole));
  const libraries = [];
  const properties = new Map();
  for (const command of cmakeCommands(text)) {
    const args = command.args.map(expand);
    if (command.name === 'project' && args.length > 0) {
      vars.set('PROJECT_NAME', args[0]);
    } else if (command.name === 'set' && args.length >= 2) {
      vars.set(args[0], args[1]);
    } else if (command.name === 'add_library' && args.length >= 2) {
      const type = args[1].toUpperCase();
      const shared = type === 'SHARED' || type === 'MODULE' ||
        (!['STATIC', 'OBJECT', 'INTERFACE', 'ALIAS'].includes(type) && /^(ON|TRUE|1)$/i.test(vars.get('BUILD_SHARED_LIBS') || ''));
      if (shared && !args.includes('IMPORTED')) {
        libraries.push(args[0]);
      }
    } else if (command.name === 'set_target_properties') {
      const at = args.indexOf('PROPERTIES');
      if (at > 0) {
        for (const target of args.slice(0, at)) {
          const props = properties.get(target) || {};
          for (let i = at + 1; i + 1 < args.length; i += 2) {
            props[args[i]] = args[i + 1];
          }
          properties.set(target, props);
        }
      }
    }
  }
  return libraries.map((target) => {
    const props = properties.get(target) || {};
    const name = props.LIBRARY_OUTPUT_NAME || props.OUTPUT_NAME || target;
    const prefix = props.PREFIX !== undefined ? props.PREFIX : 'lib';
    const suffix = props.SUFFIX !== undefined ? props.SUFFIX : '.so';
    return { target, fileName: `${prefix}${name}${suffix}` };
  });
}

// Module names registered with Node-API: designated ".nm_modname = "x"" / assignments,
// and the NAPI_MODULE(x, Init) macro.
function napiModuleNames(text) {
  const names = [];
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  let m;
  const field = /\bnm_modname\s*=\s*"([^"]*)"/g;
  while ((m = field.exec(withoutComments)) !== null) {
    names.push(m[1]);
  }
  const macro = /\bNAPI_MODULE\s*\(\s*([A-Za-z0-9_]+)\s*,/g;
  while ((m = macro.exec(withoutComments)) !== null) {
    names.push(m[1]);
  }
  return names;
}

// lib*.so specifiers in static imports, re-exports and dynamic import() calls.
function etsNativeImports(text) {
  const specifiers = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(lib[^'"/]*\.so)\1/g;
  let m;
  while ((m = pattern.exec(text)) !== null) {
    specifiers.push(m[2]);
  }
  return specifiers;
}

module.exports = { cmakeSharedLibraries, napiModuleNames, etsNativeImports };
