/** The admin area's own navigation. */
export function AdminNav({ current }: { current: string }) {
  const link = (href: string, text: string) => (
    <a href={href} aria-current={current === href ? 'page' : undefined}>
      {text}
    </a>
  );
  return (
    <nav class="sub-nav" aria-label="Admin">
      {link('/admin', 'Products')}
      {link('/admin/analytics', 'Analytics')}
    </nav>
  );
}
