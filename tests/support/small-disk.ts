import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A real small disk for storage-failure tests: a tmpfs mounted in the test.
 * Mounting needs root (CI runs as root); elsewhere the test fails with this
 * message rather than skipping, so a green run always means the disk was real.
 */
export function requireRoot(): void {
  if (process.getuid?.() !== 0) {
    throw new Error('storage tests mount a tmpfs and protect files with chattr: run them as root (CI does)');
  }
}

export interface SmallDisk {
  dir: string;
  /** Writes filler until the disk refuses (ENOSPC); returns the filler's path. */
  fill(): string;
  remountReadOnly(): void;
  remountWritable(): void;
  unmount(): void;
}

export function mountSmallDisk(dir: string, size = '3m'): SmallDisk {
  requireRoot();
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return {
    dir,
    fill() {
      const filler = join(dir, 'filler.bin');
      const fd = openSync(filler, 'w');
      const block = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
      // Smaller writes take the last partial block too.
      try {
        for (;;) writeSync(fd, Buffer.alloc(512, 1));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        closeSync(fd);
      }
      return filler;
    },
    remountReadOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir]),
    remountWritable: () => execFileSync('mount', ['-o', 'remount,rw', dir]),
    unmount() {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `chattr +i`: the one file protection root cannot write through. */
export function setImmutable(file: string, on: boolean): void {
  requireRoot();
  execFileSync('chattr', [on ? '+i' : '-i', file]);
}
