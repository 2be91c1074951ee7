/** The ticket schema's problems in Spanish, by kind; `{label}` is the field's label in the form. */
import type { IssueStrings } from './issues.js';

export const issuesEs: IssueStrings = {
  issueRequired: 'Complete «{label}».',
  issueWhole: '«{label}» debe ser un número entero.',
  issueAtLeast: '«{label}» debe ser {min} o más.',
  issueAtMost: '«{label}» debe ser como máximo {max}.',
  issueTooLong: '«{label}» admite como máximo {max} caracteres.',
  issuePercent: '«{label}» debe estar entre 0 y 100.',
  issueNumber: '«{label}» debe ser un número.',
  issueDateTime: '«{label}» debe ser una fecha y hora.',
  issueOneOf: 'Elija una de las opciones de «{label}».',
  issueControl: '«{label}» no puede contener caracteres de control.',
  issueOverTotal: 'Los agentes afectados no pueden ser más que los agentes del equipo.',
  issueOverride: 'Explique por qué eligió una gravedad distinta de la sugerida.',
  issueTimeZone: 'Elija una zona horaria de la lista, como America/New_York.',
};
