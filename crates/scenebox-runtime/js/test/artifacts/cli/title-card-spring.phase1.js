const { AbsoluteFill, useCurrentFrame, useVideoConfig, interpolate, spring, Sequence } = window.Remotion;
const COLORS_A7B9C2D4 = {
    bg: "#0B1020",
    accent: "#6C63FF",
    text: "#FFFFFF",
    muted: "rgba(255,255,255,0.6)"
};
function TitleText({ text, delay }) {
    const frame = useCurrentFrame();
    const { fps } = useVideoConfig();
    const progress = spring({
        frame: frame - delay,
        fps,
        config: {
            damping: 12,
            stiffness: 120,
            mass: 0.8
        }
    });
    const y = interpolate(progress, [
        0,
        1
    ], [
        60,
        0
    ]);
    return React.createElement("h1", {
        style: {
            fontSize: 120,
            fontWeight: 800,
            color: COLORS_A7B9C2D4.text,
            margin: 0,
            transform: `translateY(${y}px)`,
            opacity: progress,
            letterSpacing: -2,
            fontFamily: "Inter, sans-serif"
        }
    }, text);
}
function Scene_A7B9C2D4() {
    const frame = useCurrentFrame();
    const { width, height } = useVideoConfig();
    const lineWidth = interpolate(frame, [
        20,
        50
    ], [
        0,
        420
    ], {
        extrapolateLeft: "clamp",
        extrapolateRight: "clamp"
    });
    const subtitleOpacity = interpolate(frame, [
        40,
        60
    ], [
        0,
        1
    ], {
        extrapolateLeft: "clamp",
        extrapolateRight: "clamp"
    });
    const exit = interpolate(frame, [
        150,
        180
    ], [
        1,
        0
    ], {
        extrapolateLeft: "clamp",
        extrapolateRight: "clamp"
    });
    return React.createElement(AbsoluteFill, {
        style: {
            background: `radial-gradient(circle at 30% 30%, #1E2A5A 0%, ${COLORS_A7B9C2D4.bg} 70%)`,
            justifyContent: "center",
            alignItems: "center",
            flexDirection: "column",
            opacity: exit
        }
    }, React.createElement("div", {
        style: {
            position: "absolute",
            width: width * 0.6,
            height: height * 0.6,
            borderRadius: "50%",
            background: COLORS_A7B9C2D4.accent,
            filter: "blur(160px)",
            opacity: 0.25
        }
    }), React.createElement(TitleText, {
        text: "Launch Faster",
        delay: 5
    }), React.createElement("div", {
        style: {
            width: lineWidth,
            height: 6,
            borderRadius: 3,
            background: COLORS_A7B9C2D4.accent,
            marginTop: 24
        }
    }), React.createElement(Sequence, {
        from: 40
    }, React.createElement(AbsoluteFill, {
        style: {
            justifyContent: "center",
            alignItems: "center",
            top: 240
        }
    }, React.createElement("p", {
        style: {
            fontSize: 40,
            color: COLORS_A7B9C2D4.muted,
            opacity: subtitleOpacity,
            fontFamily: "Inter, sans-serif"
        }
    }, "Ship your product in days, not months"))));
}
const durationInFrames_A7B9C2D4 = 180;
return Scene_A7B9C2D4;
