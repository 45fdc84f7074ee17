"""Checks of a page open in the browser beyond axe-core: keyboard walks and reflow."""

# What has the focus, and whether a sighted keyboard user can see where it is.
FOCUS_STATE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return {element: null};
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  return {
    element: element.outerHTML.slice(0, 120),
    indicated: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
    on_screen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
      && box.right > 0 && box.left < innerWidth,
  };
}"""


def focus_problems(page) -> list[str]:
    """What keeps a keyboard user from seeing the focused element: none, hidden, or no indicator."""
    state = page.evaluate(FOCUS_STATE)
    if state["element"] is None:
        return ["nothing has the focus"]
    problems = []
    if not state["on_screen"]:
        problems.append(f"the focused element is off screen: {state['element']}")
    if not state["indicated"]:
        problems.append(f"the focused element has no visible focus indicator: {state['element']}")
    return problems


def tab_to(page, selector: str, max_presses: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has the focus, checking every stop on the way."""
    for presses in range(1, max_presses + 1):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            raise AssertionError(f"{selector} was not reached: Tab left {page.url} after {presses} presses")
        problems = focus_problems(page)
        assert problems == [], f"on {page.url}: {problems}"
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} was not reached with {max_presses} presses of Tab on {page.url}")


def reflow_problems(page) -> list[str]:
    """WCAG 1.4.10: at the viewport's width (320 CSS px on a phone) nothing needs scrolling sideways."""
    widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    if widths[0] > widths[1]:
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
              .filter(element => element.getBoundingClientRect().right > innerWidth + 1)
              .slice(0, 3).map(element => element.outerHTML.slice(0, 80))"""
        )
        return [f"{page.url}: {widths[0]} px wide at a {widths[1]} px viewport, because of {wide}"]
    return []
