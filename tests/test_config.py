"""Every setting is documented in the README, with its environment variable and default."""

from app.config import Settings
from tests.conftest import PROJECT_ROOT


def test_settings_are_documented() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        variable = f"ARCHIVE_{name.upper()}"
        assert f"`{variable}`" in readme, f"{variable} missing from the README"
        assert field.description and field.description in readme, f"{variable}: description differs"
