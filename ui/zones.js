// Which time zones this system knows. Apart from time.js, which writes dates in the page's
// language, so what needs only this (the list's checks, start.js through view.js) does not wait
// for the page's words.

/** @type {Map<string, boolean>} */
const zoneValidity = new Map();

/** Whether `zone` is an IANA time zone this system knows. @param {string} zone */
export function isValidZone(zone) {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    zoneValidity.set(zone, valid);
  }
  return valid;
}
