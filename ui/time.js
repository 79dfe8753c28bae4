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

/**
 * Where a zone is, in words the viewer reads: `Etc/GMT-3` is "UTC+3" (the zone database's sign is
 * the POSIX one, the other way round from how people read offsets); in English the city of its
 * id ("America/New_York" is "New York"); in the other languages the zone's name as `Intl` has it
 * in that language ("Mitteleuropäische Zeit"), or the city where it has none.
 * @param {string} zone
 */
export function placeOf(zone) {
  const etc = /^Etc\/GMT([+-])(\d{1,2})$/.exec(zone);
  if (etc) return Number(etc[2]) === 0 ? 'UTC' : `UTC${etc[1] === '-' ? '+' : '−'}${Number(etc[2])}`;
  if (/^(Etc\/)?(UTC|UCT|GMT0?|Zulu|Universal|Greenwich)$/.test(zone)) return 'UTC';
  const city = (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
  return currentLanguage() === 'en' ? city : zoneName(zone) ?? city;
}

/** @type {Map<string, string | null>} */
const zoneNames = new Map();

/** The zone's generic name in the current language, when `Intl` has one (not just an offset). @param {string} zone */
function zoneName(zone) {
  const key = `${currentLanguage()}|${zone}`;
  if (!zoneNames.has(key)) {
    let name = null;
    try {
      name = new Intl.DateTimeFormat(currentLanguage(), { timeZone: zone, timeZoneName: 'longGeneric' })
        .formatToParts(Date.now())
        .find((part) => part.type === 'timeZoneName')?.value ?? null;
    } catch {
      // A zone this engine does not know: the city of its id.
    }
    // "GMT+03:00" and its translations are offsets, not names.
    if (name && /\d/u.test(name.normalize('NFKD').replace(/[\u0660-\u0669\u06F0-\u06F9]/gu, '0'))) name = null;
    zoneNames.set(key, name);
  }
  return zoneNames.get(key) ?? null;
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

/** One relative-time formatter per language: making one costs more than a card's other work. */
/** @type {Map<string, Intl.RelativeTimeFormat>} */
const relativeFormats = new Map();

/** "3 days ago", "in 2 hours", "now". @param {number} epochMs @param {number} [now] */
export function relativeTime(epochMs, now = Date.now()) {
  const seconds = (epochMs - now) / 1000;
  const language = currentLanguage();
  let rtf = relativeFormats.get(language);
  if (!rtf) relativeFormats.set(language, (rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })));
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

/** A wall-clock reader per zone, in English digits and day names: machine use, not display. */
/** @type {Map<string, Intl.DateTimeFormat | null>} */
const wallClocks = new Map();

/**
 * The day of the week (`Mon`) and the minute of the day in `zone` at `now`; null for a zone
 * this engine does not know.
 * @param {string} zone @param {number} [now]
 * @returns {{ weekday: string, minute: number } | null}
 */
export function wallClock(zone, now = Date.now()) {
  let clock = wallClocks.get(zone);
  if (clock === undefined) {
    try {
      clock = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      clock = null;
    }
    wallClocks.set(zone, clock);
  }
  if (!clock) return null;
  const parts = clock.formatToParts(now);
  const part = (/** @type {string} */ type) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: part('weekday'), minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** Whether it is night (22:00 to 06:59) in `zone`. @param {string} zone @param {number} [now] */
export function isNightIn(zone, now = Date.now()) {
  const minute = wallClock(zone, now)?.minute ?? NaN;
  return minute >= 22 * 60 || minute < 7 * 60;
}
