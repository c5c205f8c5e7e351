import { defineWidgets } from './elements';

/**
 * The entry of widgets.js. A partner page includes it with <script src="https://<hub>/widgets.js">;
 * the hub to talk to is where the script itself came from, read while it runs.
 */
const script = document.currentScript as HTMLScriptElement | null;
defineWidgets(script?.src ? new URL(script.src).origin : location.origin);
