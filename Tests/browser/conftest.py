"""The browser suite's shared fixtures: one demo and one headless Chromium per
test module (a module that needs more of its demo defines its own `demo`)."""
import pytest
from lantern_harness import headless_chromium, running_demo


@pytest.fixture(scope="module")
def demo():
    with running_demo() as (base, data, _):
        yield base, data


@pytest.fixture(scope="module")
def browser():
    driver = headless_chromium()
    yield driver
    driver.quit()
