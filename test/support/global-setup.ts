// Runs once before the suite: nothing yet beyond a place for engine setup (see engine.ts).
export default function setup(): void {}
