'use strict';

// Parses a resources/ folder name the way the resource compiler does:
//   mcc_mnc-language_script_REGION-orientation-device-colormode-inputdevice-density
// Each '-' separated part must match one qualifier kind, and the kinds must appear in that order.

const { QUALIFIER_VALUES } = require('./ohos-rules');

function parseMccMnc(part) {
  const m = /^mcc(\d{3})(?:_mnc(\d{2,3}))?$/.exec(part);
  return m ? { mcc: m[1], mnc: m[2] } : null;
}

function isLanguage(text) {
  // Device names such as "tv" or "car" look like language codes; the compiler treats them as devices.
  return /^[a-z]{2,3}$/.test(text) && !QUALIFIER_VALUES.device.includes(text);
}

function isScript(text) {
  return /^[A-Z][a-z]{3}$/.test(text);
}

function isRegion(text) {
  return /^(?:[A-Z]{2,3}|[0-9]{3})$/.test(text);
}

function parseLocale(part) {
  const pieces = part.split('_');
  if (pieces.length === 0 || pieces.length > 3 || !isLanguage(pieces[0])) {
    return null;
  }
  if (pieces.length === 1) {
    return { language: pieces[0] };
  }
  if (pieces.length === 2) {
    if (isScript(pieces[1])) {
      return { language: pieces[0], script: pieces[1] };
    }
    return isRegion(pieces[1]) ? { language: pieces[0], region: pieces[1] } : null;
  }
  return isScript(pieces[1]) && isRegion(pieces[2])
    ? { language: pieces[0], script: pieces[1], region: pieces[2] }
    : null;
}

function valueParser(kind) {
  return (part) => (QUALIFIER_VALUES[kind].includes(part) ? part : null);
}

// In the order the compiler requires.
const KINDS = [
  { kind: 'mccMnc', parse: parseMccMnc },
  { kind: 'locale', parse: parseLocale },
  { kind: 'orientation', parse: valueParser('orientation') },
  { kind: 'device', parse: valueParser('device') },
  { kind: 'colorMode', parse: valueParser('colorMode') },
  { kind: 'inputDevice', parse: valueParser('inputDevice') },
  { kind: 'density', parse: valueParser('density') },
];

// Returns { ok: true, qualifiers } or { ok: false, reason }.
function parseQualifierDir(name) {
  if (name === 'base') {
    return { ok: true, qualifiers: {} };
  }
  const qualifiers = {};
  let nextKind = 0;
  for (const part of name.split('-')) {
    let matched = -1;
    for (let i = 0; i < KINDS.length; i++) {
      if (KINDS[i].parse(part) !== null) {
        matched = i;
        break;
      }
    }
    if (matched === -1) {
      return { ok: false, reason: `"${part}" is not a qualifier value` };
    }
    if (matched < nextKind) {
      return {
        ok: false,
        reason: `"${part}" (${KINDS[matched].kind}) is out of order or repeated; the order is ` +
          KINDS.map((k) => k.kind).join('-'),
      };
    }
    qualifiers[KINDS[matched].kind] = KINDS[matched].parse(part);
    nextKind = matched + 1;
  }
  return { ok: true, qualifiers };
}

module.exports = { parseQualifierDir };
