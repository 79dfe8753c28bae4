// Dates and time zones, all through Intl in the chosen language.

import { currentLanguage } from './i18n.js';

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

/** "America/New_York" -> "New York"; "Etc/UTC" -> "UTC". @param {string} zone */
export function placeOf(zone) {
  const last = zone.split('/').pop() ?? zone;
  return last.replace(/_/g, ' ');
}

/** @type {Map<string, Intl.DateTimeFormat>} */
const formats = new Map();

/**
 * A cached formatter for the current language.
 * @param {string} name
 * @param {Intl.DateTimeFormatOptions} options
 */
function format(name, options) {
  const key = `${currentLanguage()}|${name}|${options.timeZone ?? ''}`;
  let formatter = formats.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(currentLanguage(), options);
    formats.set(key, formatter);
  }
  return formatter;
}

/** Hours and minutes now in `zone`. @param {string} zone @param {number} [now] */
export function clockIn(zone, now = Date.now()) {
  return format('clock', { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(now);
}

/**
 * Date and time with the zone's name and offset, in the viewer's zone unless `zone` is given.
 * @param {number} epochMs
 * @param {string} [zone]
 */
export function exactTime(epochMs, zone) {
  return format('exact', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(zone ? { timeZone: zone } : {}),
  }).format(epochMs) + ' ' + offsetName(epochMs, zone);
}

/** "GMT+2" style offset of `zone` (or the viewer's) at that instant. @param {number} epochMs @param {string} [zone] */
function offsetName(epochMs, zone) {
  const parts = format('offset', { timeZoneName: 'shortOffset', ...(zone ? { timeZone: zone } : {}) })
    .formatToParts(epochMs);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}

/** "3 days ago", "in 2 hours", "now". @param {number} epochMs @param {number} [now] */
export function relativeTime(epochMs, now = Date.now()) {
  const seconds = (epochMs - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(currentLanguage(), { numeric: 'auto' });
  /** @type {[Intl.RelativeTimeFormatUnit, number][]} */
  const units = [
    ['year', 31536000],
    ['month', 2592000],
    ['week', 604800],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(0, 'second');
}

/** The ISO form for `<time datetime>`. @param {number} epochMs */
export function isoTime(epochMs) {
  return new Date(epochMs).toISOString();
}

/** Whether it is night (22:00 to 06:59) in `zone`. @param {string} zone @param {number} [now] */
export function isNightIn(zone, now = Date.now()) {
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: zone }).format(now),
  );
  return hour >= 22 || hour < 7;
}
