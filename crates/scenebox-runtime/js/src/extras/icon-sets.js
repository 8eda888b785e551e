// Lazy access to the host's Iconify icon sets. hostConfig.iconSets is either an object
// {prefix: IconifyJSON | JSON string} or a function (prefix) => IconifyJSON | JSON string |
// undefined. A set is fetched (function) and parsed (string) on the first look-up of its prefix
// and cached for the lifetime of the Extras object; strings may be large external strings that
// the host hands over without copying, so nothing is parsed before a scene asks for the prefix.

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

function parseSet(prefix, value) {
  if (typeof value !== 'string') return value && typeof value === 'object' ? value : null;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new Error(`IconifyIcon: the host's icon set "${prefix}" is not valid JSON (${error && error.message})`);
  }
}

/** Returns `(prefix) => IconifyJSON | null`, resolving and caching each prefix once. */
export function createIconSetSource(iconSets) {
  const cache = new Map();
  let fetch;
  if (typeof iconSets === 'function') fetch = (prefix) => iconSets(prefix);
  else if (iconSets && typeof iconSets === 'object') fetch = (prefix) => (hasOwn(iconSets, prefix) ? iconSets[prefix] : undefined);
  else fetch = () => undefined;
  return function getIconSet(prefix) {
    if (!cache.has(prefix)) {
      try {
        cache.set(prefix, { set: parseSet(prefix, fetch(prefix)) });
      } catch (error) {
        cache.set(prefix, { error }); // a bad set fails every look-up the same way
      }
    }
    const entry = cache.get(prefix);
    if (entry.error) throw entry.error;
    return entry.set;
  };
}
