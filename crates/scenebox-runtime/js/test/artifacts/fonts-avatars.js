const { AbsoluteFill } = Remotion;
const { React, RemotionGoogleFonts, BazaarAvatars } = Extras;
const inter = RemotionGoogleFonts.family('Inter').loadFont('normal', { weights: ['400', '700'], subsets: ['latin'] });
const playfair = RemotionGoogleFonts.fonts.PlayfairDisplay.loadFont();
const roboto = RemotionGoogleFonts.loadFont('Roboto Mono', { weights: ['500'] });
function Scene() {
  return React.createElement(
    AbsoluteFill,
    { style: { fontFamily: inter.fontFamily } },
    React.createElement('span', { style: { fontFamily: playfair.fontFamily } }, playfair.fontFamily),
    React.createElement('span', { style: { fontFamily: roboto.fontFamily } }, RemotionGoogleFonts.fonts.IBMPlexSans.fontFamily),
    React.createElement('img', { src: BazaarAvatars.alice }),
    React.createElement('img', { src: BazaarAvatars.bob || 'none' }),
  );
}
return Scene;
