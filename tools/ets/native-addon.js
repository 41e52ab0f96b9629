'use strict';
// Loads the host build of the native module that ArkTS code imports as 'librcp.so'.

const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');

const defaultAddonPath = path.join('build', 'host', 'rcp.node');

/**
 * Returns the exports of the Node addon built from rcplib's C++ sources.
 * RCP_ADDON overrides the location (relative paths are taken from the working directory);
 * otherwise `build/host/rcp.node` under the repository root is used.
 * This runs only when a bundle that imports 'librcp.so' starts, so tools that never touch the
 * native module work before the addon has been built.
 */
function loadRcpAddon(repoRoot) {
  const override = process.env.RCP_ADDON;
  const addonPath = override ? path.resolve(override) : path.join(repoRoot, defaultAddonPath);
  if (!fs.existsSync(addonPath)) {
    const source = override ? `RCP_ADDON=${override}` : `the default location ${defaultAddonPath}`;
    throw new Error(
      `librcp.so: the host build of the native module was not found at ${addonPath} (from ${source}). ` +
        'Build the host addon first, or point RCP_ADDON at an existing rcp.node.'
    );
  }
  // A require bound to this file keeps the bundler from trying to inline the binary addon.
  return createRequire(__filename)(addonPath);
}

module.exports = { loadRcpAddon, defaultAddonPath };
