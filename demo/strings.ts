/**
 * The demo desktop's own words (its header, media bar, records and chat), in the two languages of
 * the kit's catalogs, so the Spanish switch turns the whole desktop and not only the components.
 * The markup names its words with `data-text` (text), `data-aria-label` and `data-placeholder`;
 * the record and chat the demo draws take theirs from here. The records' content (subjects,
 * threads, the customer's chat, the agent's profile) is data and stays as it was written.
 */
export const demoEn = {
  title: 'triage-kit demo · Agent desktop',
  aboutDemo: 'About this demo',
  demoTitle: 'Demo.',
  bannerIntro: 'A simulated Oracle Service Cloud agent desktop: a test double of the Browser UI has installed the real add-in zip (',
  bannerRest: '), whose "Support › Report an issue" menu is in the header; the media bar adds its own "Report". Reports go to this triage-kit intake service.',
  plainConsole: 'Plain console embedding',
  spanishSwitch: 'Spanish',
  dockedSwitch: 'Docked form',
  serviceCenter: 'Service Center',
  search: 'Search',
  searchPlaceholder: 'Search incidents, contacts, answers',
  headerMenus: 'Global header menus',
  signedInAgent: 'Signed-in agent',
  available: 'Available',
  notReady: 'Not ready',
  mediaBar: 'Media bar',
  agentState: 'Agent state',
  chat: 'Chat',
  queue: 'Queue',
  acd: 'ACD',
  extension: 'Ext.',
  waiting: 'Waiting',
  hold: 'Hold',
  transfer: 'Transfer',
  navigation: 'Navigation',
  incidents: 'Incidents',
  contacts: 'Contacts',
  answers: 'Answers',
  reports: 'Reports',
  workspace: 'Workspace',
  openRecords: 'Open records',
  incident: 'Incident',
  recordCommands: 'Record commands',
  save: 'Save',
  saveAndClose: 'Save and close',
  assign: 'Assign',
  reference: 'Reference #',
  contact: 'Contact',
  email: 'E-mail',
  phone: 'Phone',
  status: 'Status',
  product: 'Product',
  assigned: 'Assigned',
  thread: 'Thread',
  privateNote: 'Private note',
  response: 'Response',
  customer: 'Customer',
  engagement: 'Engagement',
  chatTranscript: 'Chat transcript',
  messageToCustomer: 'Message to customer',
  messagePlaceholder: 'Type a message…',
  send: 'Send',
  /** Before each line the agent sent, for a screen reader. */
  you: 'You: ',
  statusBar: 'Status bar',
  cannotDeliver: 'Reports cannot be delivered:',
  addinNotInstalled: 'The add-in could not be installed:',
};

export type DemoWords = typeof demoEn;
export type DemoWord = keyof DemoWords;

export const demoEs: DemoWords = {
  title: 'Demo de triage-kit · Escritorio del agente',
  aboutDemo: 'Acerca de esta demo',
  demoTitle: 'Demo.',
  bannerIntro: 'Un escritorio de agente de Oracle Service Cloud simulado: un doble de prueba de la Browser UI ha instalado el zip real del complemento (',
  bannerRest: '), cuyo menú "Support › Report an issue" está en la cabecera; la barra de medios añade su propio "Informar". Los informes llegan a este servicio de recepción de triage-kit.',
  plainConsole: 'Integración en una consola sencilla',
  spanishSwitch: 'Español',
  dockedSwitch: 'Formulario acoplado',
  serviceCenter: 'Centro de servicio',
  search: 'Buscar',
  searchPlaceholder: 'Buscar incidentes, contactos, respuestas',
  headerMenus: 'Menús de la cabecera',
  signedInAgent: 'Agente conectado',
  available: 'Disponible',
  notReady: 'No disponible',
  mediaBar: 'Barra de medios',
  agentState: 'Estado del agente',
  chat: 'Chat',
  queue: 'Cola',
  acd: 'ACD',
  extension: 'Ext.',
  waiting: 'En espera',
  hold: 'Retener',
  transfer: 'Transferir',
  navigation: 'Navegación',
  incidents: 'Incidentes',
  contacts: 'Contactos',
  answers: 'Respuestas',
  reports: 'Informes',
  workspace: 'Área de trabajo',
  openRecords: 'Registros abiertos',
  incident: 'Incidente',
  recordCommands: 'Comandos del registro',
  save: 'Guardar',
  saveAndClose: 'Guardar y cerrar',
  assign: 'Asignar',
  reference: 'N.º de referencia',
  contact: 'Contacto',
  email: 'Correo electrónico',
  phone: 'Teléfono',
  status: 'Estado',
  product: 'Producto',
  assigned: 'Asignado a',
  thread: 'Hilo',
  privateNote: 'Nota privada',
  response: 'Respuesta',
  customer: 'Cliente',
  engagement: 'Interacción',
  chatTranscript: 'Transcripción del chat',
  messageToCustomer: 'Mensaje al cliente',
  messagePlaceholder: 'Escriba un mensaje…',
  send: 'Enviar',
  you: 'Usted: ',
  statusBar: 'Barra de estado',
  cannotDeliver: 'Los informes no se pueden entregar:',
  addinNotInstalled: 'No se pudo instalar el complemento:',
};

/** Puts the words into the markup's `data-text`, `data-aria-label` and `data-placeholder` places. */
export function translateMarkup(root: ParentNode, words: DemoWords): void {
  const word = (key: string | undefined) => (key !== undefined && key in words ? words[key as DemoWord] : undefined);
  for (const element of root.querySelectorAll<HTMLElement>('[data-text]')) {
    const text = word(element.dataset.text);
    if (text !== undefined) element.textContent = text;
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-aria-label]')) {
    const text = word(element.dataset.ariaLabel);
    if (text !== undefined) element.setAttribute('aria-label', text);
  }
  for (const element of root.querySelectorAll<HTMLInputElement>('[data-placeholder]')) {
    const text = word(element.dataset.placeholder);
    if (text !== undefined) element.placeholder = text;
  }
}
