// defineLazyProperty: an own property whose value is made on first access. The rarely used
// extras (@remotion/shapes, roughjs) are evaluated only by scenes that read them (see
// lazy-modules.mjs), while `Extras` and the Phase 1 window still list them as ordinary
// properties.

/**
 * Defines `name` on `target` as an enumerable, configurable accessor that turns into a plain
 * data property (writable, enumerable, configurable) on its first read (holding `load()`) or
 * write (holding the value written), so after that it behaves like any other property.
 */
export function defineLazyProperty(target, name, load) {
  const settle = (object, value) => {
    Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(target, name, {
    get() {
      return settle(this, load());
    },
    set(value) {
      settle(this, value);
    },
    enumerable: true,
    configurable: true,
  });
  return target;
}
