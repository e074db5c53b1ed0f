"""The accessibility statement (`/accessibility/`): how accessible the site is, how it was tested,
what is known not to work and how to report a problem. An editable page, linked from every footer."""
