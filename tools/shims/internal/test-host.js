// Holds the ability delegator and arguments of the hypium run in progress, shared by the registry shims.

let current = null;

/** Called by the hypium runner before the suite is loaded. */
export function setTestHost(delegator, args) {
  current = { delegator, args };
}

export function getTestHost() {
  if (current === null) {
    throw new Error(
      'abilityDelegatorRegistry is only available inside a hypium suite started by tools/hypium/run.js'
    );
  }
  return current;
}
