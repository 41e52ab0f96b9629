// @ohos.app.ability.common is a namespace of context types; the host needs no run-time part.
const common = {};

export default common;
