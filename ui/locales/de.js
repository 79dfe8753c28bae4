// placeholder until translated
/** @type {Record<string, import('../i18n.js').Message>} */
export default {};
