// The words of the app, in every language it speaks, and `t()` to look them up.
// A message is a string with {name} slots, or an object of plural forms chosen by Intl.PluralRules.

/** @typedef {string | Partial<Record<Intl.LDMLPluralRule, string>>} Message */

/** @type {Record<string, Record<string, Message>>} */
const MESSAGES = {
  en: {
    'app.title': 'Assistant Roster',
    'lang.label': 'Language',
    'welcome.heading': 'See every AI assistant that calls your leads',
    'welcome.lead': 'Connect your voice-AI account to review your outbound assistants: what they say, when they were changed, and whether they are on.',
    'welcome.signedOut': 'You are signed out. Your API key was removed from this computer.',
    'connect.heading': 'Connect your account',
    'connect.platform': 'Platform',
    'connect.other': 'Other (enter the address)',
    'connect.address': 'API address',
    'connect.addressHint': 'Starts with https:// and usually ends in /api',
    'connect.key': 'API key',
    'connect.keyHint': 'Find it in your platform’s settings, under API keys. It is stored in your system keyring, never in a file.',
    'connect.show': 'Show',
    'connect.hide': 'Hide',
    'connect.submit': 'Connect',
    'connect.checking': 'Checking your key…',
    'sample.heading': 'Just looking?',
    'sample.lead': 'Explore a sample account with thirteen made-up assistants. Nothing is sent anywhere.',
    'sample.open': 'Explore sample assistants',
    'sample.badge': 'Sample data',
    'sample.account': 'Sample account',
    'sample.leave': 'Leave sample',
    'list.loading': 'Loading your assistants…',
    'list.count': { one: '{count} assistant', other: '{count} assistants' },
    'list.active': { one: '{count} active', other: '{count} active' },
    'list.refresh': 'Refresh',
    'list.refreshing': 'Refreshing…',
    'list.signOut': 'Sign out',
    'list.updatedAt': 'Updated {time}',
    'list.skipped': { one: '{count} assistant could not be read and is not shown.', other: '{count} assistants could not be read and are not shown.' },
    'list.skippedHint': 'The platform sent something unexpected. The others are shown as usual.',
    'list.asOf': 'Showing the list as of {time}. It may be out of date.',
    'list.cacheDamaged': 'The saved copy of this list was damaged and has been set aside.',
    'retry.countdown': { one: 'Trying again in {count} second…', other: 'Trying again in {count} seconds…' },
    'retry.cancel': 'Cancel',
    'keyring.sessionOnly': 'Use this key for this session only',
    'keyring.sessionOnlyHint': 'The key will be kept in memory until you close the app, and never written anywhere.',
    'keyring.sessionBadge': 'Key not saved: this session only',
    'error.too_large.title': 'The list is too large to read',
    'error.too_large.body': 'The platform sent more data than the app can safely read. Contact the platform’s support.',
    'empty.heading': 'No outbound assistants yet',
    'empty.body': 'This account has no outbound assistants. Create one on your platform, then press Refresh.',
    'card.id': 'ID {id}',
    'card.noName': 'Unnamed assistant',
    'card.mode': 'Mode',
    'card.status': 'Status',
    'card.timezone': 'Time zone',
    'card.localTime': '{time} in {place}',
    'card.tzInvalid': '{zone} (not a valid time zone)',
    'card.tzMissing': 'Not set',
    'card.created': 'Created',
    'card.updated': 'Updated',
    'card.unknownDate': 'Unknown',
    'card.unreadableDate': '{raw} (unreadable date)',
    'card.yourTime': '{time} your time',
    'card.theirTime': '{time} in {place}',
    'card.greeting': 'Greeting',
    'card.noGreeting': 'No greeting set',
    'card.webhook': 'Webhook',
    'card.webhookOn': 'On',
    'card.webhookOff': 'Off',
    'card.unknown': 'Unknown',
    'mode.pipeline': 'Pipeline',
    'mode.multimodal': 'Multimodal',
    'status.active': 'Active',
    'status.inactive': 'Inactive',
    'error.retry': 'Try again',
    'error.changeKey': 'Connect again',
    'error.showSample': 'Explore the sample instead',
    'error.detail': 'Technical detail: {detail}',
    'error.bad_key.title': 'Your API key was not accepted',
    'error.bad_key.body': 'Check that you copied the whole key from your platform’s settings (API keys), or create a new key, then connect again.',
    'error.wrong_address.title': 'That address is not the platform’s API',
    'error.wrong_address.body': 'Check the platform you chose. For “Other”, the address usually ends in /api.',
    'error.rate_limited.title': 'The platform asks us to wait',
    'error.rate_limited.body': { one: 'Too many requests in a short time. Try again in {count} second.', other: 'Too many requests in a short time. Try again in {count} seconds.' },
    'error.rate_limited.bodyNoTime': 'Too many requests in a short time. Wait a minute, then try again.',
    'error.server_trouble.title': 'The platform is having trouble',
    'error.server_trouble.body': 'This is on the platform’s side (error {status}), not yours. Try again in a few minutes.',
    'error.unexpected_status.title': 'The platform gave an unexpected answer',
    'error.unexpected_status.body': 'It answered with error {status}. Try again; if it keeps happening, contact the platform’s support.',
    'error.timeout.title': 'The platform took too long to answer',
    'error.timeout.body': 'Check your internet connection, then try again.',
    'error.offline.title': 'Can’t reach the platform',
    'error.offline.body': 'Check that this computer is connected to the internet, then try again.',
    'error.dns.title': 'The platform’s address could not be found',
    'error.dns.body': 'Check your internet connection. If you entered the address yourself, check it for typing mistakes.',
    'error.tls.title': 'The secure connection failed',
    'error.tls.body': 'The site’s security certificate was not accepted. On an office network, ask your IT team whether a proxy is in the way.',
    'error.keyring_unavailable.title': 'Your system keyring can’t be used',
    'error.keyring_unavailable.body': 'The app keeps your API key only in the system keyring, and nothing was saved anywhere else. Unlock the keyring or sign in to your computer again, then try again.',
    'error.unreadable.title': 'The platform’s answer could not be read',
    'error.unreadable.body': 'Try again later. If it keeps happening, contact the platform’s support.',
    'error.invalid_input.title': 'Please check what you entered',
    'error.not_connected.title': 'No account is connected',
    'error.not_connected.body': 'Connect your account to see your assistants.',
    'error.storage.title': 'The app could not save its settings',
    'error.storage.body': 'Check that your disk is not full, then try again.',
    'error.unknown.title': 'Something went wrong',
    'error.unknown.body': 'Try again. If it keeps happening, restart the app.',
    'reason.empty_key': 'Paste your API key.',
    'reason.key_characters': 'The API key contains spaces or characters a key cannot have. Copy it again from your platform.',
    'reason.empty_address': 'Enter the platform’s address.',
    'reason.not_an_address': 'This is not a web address. It should look like https://app.example.com/api',
    'reason.https_only': 'The address must start with https:// so your key travels encrypted.',
    'reason.credentials_in_address': 'The address must not contain a user name or password.',
    'reason.no_service': 'No keyring service is running on this computer.',
    'reason.locked': 'The keyring is locked.',
    'reason.damaged': 'The stored key is damaged. Connect again.',
    'reason.failed': 'The keyring reported an error.',
  },
  bg: {
    'app.title': 'Assistant Roster',
    'lang.label': 'Език',
    'welcome.heading': 'Вижте всеки AI асистент, който се обажда на клиентите ви',
    'welcome.lead': 'Свържете гласовия си AI акаунт, за да прегледате изходящите асистенти: какво казват, кога са променяни и дали са включени.',
    'welcome.signedOut': 'Излязохте от акаунта. API ключът ви беше изтрит от този компютър.',
    'connect.heading': 'Свържете акаунта си',
    'connect.platform': 'Платформа',
    'connect.other': 'Друга (въведете адреса)',
    'connect.address': 'Адрес на API',
    'connect.addressHint': 'Започва с https:// и обикновено завършва на /api',
    'connect.key': 'API ключ',
    'connect.keyHint': 'Ще го намерите в настройките на платформата, в раздел API ключове. Пази се в системния трезор за пароли, никога във файл.',
    'connect.show': 'Покажи',
    'connect.hide': 'Скрий',
    'connect.submit': 'Свържи',
    'connect.checking': 'Проверяваме ключа…',
    'sample.heading': 'Само разглеждате?',
    'sample.lead': 'Разгледайте примерен акаунт с тринадесет измислени асистента. Нищо не се изпраща никъде.',
    'sample.open': 'Разгледай примерните асистенти',
    'sample.badge': 'Примерни данни',
    'sample.account': 'Примерен акаунт',
    'sample.leave': 'Изход от примера',
    'list.loading': 'Зареждаме асистентите ви…',
    'list.count': { one: '{count} асистент', other: '{count} асистента' },
    'list.active': { one: '{count} активен', other: '{count} активни' },
    'list.refresh': 'Опресни',
    'list.refreshing': 'Опресняваме…',
    'list.signOut': 'Изход',
    'list.updatedAt': 'Обновено {time}',
    'list.skipped': { one: '{count} асистент не можа да бъде прочетен и не е показан.', other: '{count} асистента не можаха да бъдат прочетени и не са показани.' },
    'list.skippedHint': 'Платформата изпрати нещо неочаквано. Останалите са показани както обикновено.',
    'list.asOf': 'Показваме списъка към {time}. Може да не е актуален.',
    'list.cacheDamaged': 'Запазеното копие на този списък беше повредено и е оставено настрана.',
    'retry.countdown': { one: 'Нов опит след {count} секунда…', other: 'Нов опит след {count} секунди…' },
    'retry.cancel': 'Отказ',
    'keyring.sessionOnly': 'Използвай ключа само за тази сесия',
    'keyring.sessionOnlyHint': 'Ключът ще се пази в паметта, докато затворите приложението, и никъде няма да бъде записан.',
    'keyring.sessionBadge': 'Ключът не е запазен: само за тази сесия',
    'error.too_large.title': 'Списъкът е твърде голям за прочитане',
    'error.too_large.body': 'Платформата изпрати повече данни, отколкото приложението може безопасно да прочете. Свържете се с поддръжката на платформата.',
    'empty.heading': 'Все още няма изходящи асистенти',
    'empty.body': 'Този акаунт няма изходящи асистенти. Създайте такъв в платформата и натиснете „Опресни“.',
    'card.id': 'ID {id}',
    'card.noName': 'Асистент без име',
    'card.mode': 'Режим',
    'card.status': 'Състояние',
    'card.timezone': 'Часова зона',
    'card.localTime': '{time} в {place}',
    'card.tzInvalid': '{zone} (невалидна часова зона)',
    'card.tzMissing': 'Не е зададена',
    'card.created': 'Създаден',
    'card.updated': 'Променен',
    'card.unknownDate': 'Неизвестно',
    'card.unreadableDate': '{raw} (неразчетена дата)',
    'card.yourTime': '{time} ваше време',
    'card.theirTime': '{time} в {place}',
    'card.greeting': 'Поздрав',
    'card.noGreeting': 'Няма зададен поздрав',
    'card.webhook': 'Уебхук',
    'card.webhookOn': 'Включен',
    'card.webhookOff': 'Изключен',
    'card.unknown': 'Неизвестно',
    'mode.pipeline': 'Pipeline',
    'mode.multimodal': 'Мултимодален',
    'status.active': 'Активен',
    'status.inactive': 'Неактивен',
    'error.retry': 'Опитай отново',
    'error.changeKey': 'Свържи отново',
    'error.showSample': 'Разгледай примера',
    'error.detail': 'Технически подробности: {detail}',
    'error.bad_key.title': 'API ключът ви не беше приет',
    'error.bad_key.body': 'Проверете дали сте копирали целия ключ от настройките на платформата (API ключове) или създайте нов и се свържете отново.',
    'error.wrong_address.title': 'Този адрес не е API на платформата',
    'error.wrong_address.body': 'Проверете избраната платформа. При „Друга“ адресът обикновено завършва на /api.',
    'error.rate_limited.title': 'Платформата ни моли да изчакаме',
    'error.rate_limited.body': { one: 'Твърде много заявки за кратко време. Опитайте отново след {count} секунда.', other: 'Твърде много заявки за кратко време. Опитайте отново след {count} секунди.' },
    'error.rate_limited.bodyNoTime': 'Твърде много заявки за кратко време. Изчакайте минута и опитайте отново.',
    'error.server_trouble.title': 'Платформата има проблем',
    'error.server_trouble.body': 'Проблемът е при платформата (грешка {status}), не при вас. Опитайте отново след няколко минути.',
    'error.unexpected_status.title': 'Платформата даде неочакван отговор',
    'error.unexpected_status.body': 'Отговори с грешка {status}. Опитайте отново; ако се повтаря, свържете се с поддръжката на платформата.',
    'error.timeout.title': 'Платформата не отговори навреме',
    'error.timeout.body': 'Проверете интернет връзката си и опитайте отново.',
    'error.offline.title': 'Няма връзка с платформата',
    'error.offline.body': 'Проверете дали компютърът е свързан с интернет и опитайте отново.',
    'error.dns.title': 'Адресът на платформата не беше намерен',
    'error.dns.body': 'Проверете интернет връзката си. Ако сте въвели адреса ръчно, проверете го за грешки.',
    'error.tls.title': 'Защитената връзка не успя',
    'error.tls.body': 'Сертификатът за сигурност на сайта не беше приет. В офисна мрежа попитайте IT отдела дали прокси сървър не пречи.',
    'error.keyring_unavailable.title': 'Системният трезор за пароли не може да се използва',
    'error.keyring_unavailable.body': 'Приложението пази API ключа само в системния трезор и нищо не е записано другаде. Отключете трезора или влезте отново в компютъра и опитайте пак.',
    'error.unreadable.title': 'Отговорът на платформата не може да бъде прочетен',
    'error.unreadable.body': 'Опитайте по-късно. Ако се повтаря, свържете се с поддръжката на платформата.',
    'error.invalid_input.title': 'Проверете въведеното',
    'error.not_connected.title': 'Няма свързан акаунт',
    'error.not_connected.body': 'Свържете акаунта си, за да видите асистентите.',
    'error.storage.title': 'Приложението не успя да запази настройките си',
    'error.storage.body': 'Проверете дали дискът не е пълен и опитайте отново.',
    'error.unknown.title': 'Нещо се обърка',
    'error.unknown.body': 'Опитайте отново. Ако се повтаря, рестартирайте приложението.',
    'reason.empty_key': 'Поставете API ключа си.',
    'reason.key_characters': 'API ключът съдържа интервали или знаци, които ключ не може да има. Копирайте го отново от платформата.',
    'reason.empty_address': 'Въведете адреса на платформата.',
    'reason.not_an_address': 'Това не е уеб адрес. Трябва да изглежда като https://app.example.com/api',
    'reason.https_only': 'Адресът трябва да започва с https://, за да пътува ключът ви криптиран.',
    'reason.credentials_in_address': 'Адресът не бива да съдържа потребителско име или парола.',
    'reason.no_service': 'На този компютър не работи услуга за трезор на пароли.',
    'reason.locked': 'Трезорът за пароли е заключен.',
    'reason.damaged': 'Запазеният ключ е повреден. Свържете се отново.',
    'reason.failed': 'Трезорът за пароли съобщи за грешка.',
  },
};

export const LANGUAGES = /** @type {const} */ ([
  { code: 'en', name: 'English' },
  { code: 'bg', name: 'Български' },
]);

const STORAGE_KEY = 'assistant-roster.language';

let language = pickLanguage();
let plurals = new Intl.PluralRules(language);

/** The saved choice, else the first OS language we speak, else English. */
function pickLanguage() {
  const saved = safeStorageGet(STORAGE_KEY);
  if (saved && saved in MESSAGES) return saved;
  for (const wanted of navigator.languages ?? [navigator.language]) {
    const base = String(wanted).toLowerCase().split('-')[0];
    if (base in MESSAGES) return base;
  }
  return 'en';
}

/** @param {string} key */
function safeStorageGet(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function currentLanguage() {
  return language;
}

/** @param {string} code */
export function setLanguage(code) {
  if (!(code in MESSAGES)) return;
  language = code;
  plurals = new Intl.PluralRules(code);
  document.documentElement.lang = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Private mode or storage off: the choice lasts for this session.
  }
}

/**
 * The message `key` in the current language (English when missing), with {slots} filled.
 * `vars.count` picks the plural form and is formatted as a number.
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 */
export function t(key, vars = {}) {
  const message = MESSAGES[language][key] ?? MESSAGES.en[key] ?? key;
  let text;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = Number(vars.count ?? 0);
    text = message[plurals.select(count)] ?? message.other ?? '';
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(language).format(value) : value;
  });
}

/** Whether a message exists (in any language), for optional texts like error reasons. */
/** @param {string} key */
export function has(key) {
  return key in MESSAGES.en;
}

/** For tests: every language must have exactly the English keys. */
export function missingKeys() {
  const english = Object.keys(MESSAGES.en);
  /** @type {Record<string, string[]>} */
  const missing = {};
  for (const [code, messages] of Object.entries(MESSAGES)) {
    const gaps = english.filter((key) => !(key in messages));
    const extra = Object.keys(messages).filter((key) => !(key in MESSAGES.en));
    if (gaps.length || extra.length) missing[code] = [...gaps, ...extra];
  }
  return missing;
}
