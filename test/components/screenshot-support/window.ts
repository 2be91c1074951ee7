// The capture window's hand-back with a known picture instead of the agent's screen: the
// opener's side (origin and source checks, editor, method) is what the test proves.
import { handBack } from '../../../src/capture/window.js';

const canvas = document.createElement('canvas');
canvas.width = 320;
canvas.height = 200;
const context = canvas.getContext('2d')!;
context.fillStyle = '#00c000';
context.fillRect(0, 0, 320, 200);
canvas.toBlob((blob) => {
  handBack(blob ?? undefined);
  window.close();
}, 'image/png');
