/**
 * Config templates (gomplate `{% %}` or ERB `<% %>`) made checkable without the image: control-only lines
 * (`{% if ... %}`, `<% end %>`) are dropped and each remaining action is replaced by a placeholder, so the rest
 * can be parsed as YAML or read line by line.
 */
export type TemplateEngine = 'gomplate' | 'erb';

const DELIMITERS: Record<TemplateEngine, [string, string]> = { gomplate: ['{%', '%}'], erb: ['<%', '%>'] };

/** The template actions (`{% ... %}` / `<%= ... %>`) in order, delimiters included. */
export function templateActions(text: string, engine: TemplateEngine): string[] {
  return text.match(actionPattern(engine)) ?? [];
}

/**
 * The template with every action replaced: lines that hold only actions are removed; an action inside a line
 * (or a run of adjacent ones) becomes `fill(action)`, by default the action as a JSON string (a valid YAML scalar
 * that keeps its text).
 */
export function withPlaceholders(text: string, engine: TemplateEngine, fill: (action: string) => string = (a) => JSON.stringify(a)): string {
  const action = actionPattern(engine);
  const onlyActions = new RegExp(`^\\s*(?:${action.source}\\s*)+$`);
  const run = new RegExp(`(?:${action.source})+`, 'g');
  return text.split('\n').filter((line) => !onlyActions.test(line)).map((line) => line.replace(run, fill)).join('\n');
}

function actionPattern(engine: TemplateEngine): RegExp {
  const [open, close] = DELIMITERS[engine].map((d) => d.replace(/[%{}]/g, (c) => `\\${c}`));
  return new RegExp(`${open}[\\s\\S]*?${close}`, 'g');
}
