/**
 * The environment variables the toolkit sets for application code in a test worker, and puts
 * back afterwards. A runner may hand tests a process.env of their own (jest gives each file a
 * sandboxed copy), so a scope writes to every env object it is given.
 */
export class EnvScope {
  private readonly saved = new Map<string, string | undefined>();

  constructor(private readonly targets: readonly NodeJS.ProcessEnv[]) {}

  set(name: string, value: string): void {
    if (!this.saved.has(name)) this.saved.set(name, this.targets[0]?.[name]);
    for (const env of this.targets) env[name] = value;
  }

  /** Puts back every variable as it was before the first `set`. */
  restore(): void {
    for (const [name, value] of this.saved) {
      for (const env of this.targets) {
        if (value === undefined) delete env[name];
        else env[name] = value;
      }
    }
    this.saved.clear();
  }
}
