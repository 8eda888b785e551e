const { AbsoluteFill } = Remotion;
const { React, LucideIcons, HeroiconsSolid, HeroiconsOutline, RemotionShapes, IconifyIcon } = Extras;
const { Rocket } = LucideIcons;
function Scene() {
  return React.createElement(
    AbsoluteFill,
    null,
    React.createElement(Rocket, { size: 48, color: 'red' }),
    React.createElement(HeroiconsSolid.HomeIcon, { className: 'h-6 w-6' }),
    React.createElement(HeroiconsOutline.Home, { width: 32 }),
    React.createElement(RemotionShapes.Circle, { radius: 50, fill: 'blue' }),
    React.createElement(IconifyIcon, { icon: 'test:star', width: 64, color: 'gold' }),
    React.createElement(IconifyIcon, { icon: 'test:wide' }),
    React.createElement(IconifyIcon, { icon: 'test:star-flipped', height: 20 }),
    React.createElement(IconifyIcon, { icon: 'test:nope' }),
    React.createElement(LucideIcons.NotARealIconName, { size: 10 }),
    React.createElement('span', null, String('Rocket' in LucideIcons), String('LucideRocket' in LucideIcons)),
  );
}
return Scene;
