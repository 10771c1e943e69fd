/** Hands out the members of each named group in turn. */
export class RoundRobin {
  private readonly next = new Map<string, number>();

  /** The next member of `members` for `group`, or undefined when there is none. */
  pick(group: string, members: readonly string[]): string | undefined {
    if (members.length === 0) return undefined;
    const index = (this.next.get(group) ?? 0) % members.length;
    this.next.set(group, index + 1);
    return members[index];
  }
}
