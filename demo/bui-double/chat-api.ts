/**
 * The script at the double's `getChatAPIInfo().getChatAPIURL()`: defines `IOracleChatClient`
 * in the frame that loads it, backed by the shell's simulated chat session. A classic script
 * with no top-level names.
 */
(window as unknown as { IOracleChatClient: unknown }).IOracleChatClient = (
  (window.parent as unknown as { __triageBuiDouble?: { chatClient: unknown } }).__triageBuiDouble ??
  (() => {
    throw new Error('The Chat API double only runs inside the BUI double.');
  })()
).chatClient;
