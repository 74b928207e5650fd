// The sideload sources of all tasks: a generation counter that POST /sideload/reload and SIGHUP
// advance; sideload nodes drop the files they cached when the generation moved. Holds no files.

export class SideloadSources {
  generation = 0;

  /** Makes every sideload node read its files again on its next point. */
  reload(): void {
    this.generation++;
  }
}
