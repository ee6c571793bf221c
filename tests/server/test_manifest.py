"""The add-in manifest passes Office's rules: Microsoft's XML Schemas, icon sizes, URLs from
configuration, and custom functions Excel accepts (names of three characters or more, one-line
descriptions, help for each argument).

The schemas are Microsoft's published copies with the small fixes listed in
``tests/data/office_xsd/README.md``, read by xmlschema (pure Python: lxml would also change how
openpyxl writes workbooks, and the committed templates would no longer match their build).
"""

from __future__ import annotations

import dataclasses
import pathlib
import re
import struct
import xml.etree.ElementTree as ET

import pytest
import xmlschema
from fastapi.testclient import TestClient

from addin.server import icons, ribbon
from addin.server.routes import manifest_xml, public_url
from addin.server.serve import SERVER_DIR

XSD = pathlib.Path(__file__).resolve().parents[1] / "data" / "office_xsd" / "OfficeAppManifestV1_1.xsd"
NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "v": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
}
ICON_DIR = SERVER_DIR / "static" / "images" / "icons"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


def errors(schema: xmlschema.XMLSchema, xml: str) -> list[str]:
    return [f"{e.path}: {e.reason}" for e in schema.iter_errors(xml)]


def png_size(path: pathlib.Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head.startswith(b"\x89PNG\r\n\x1a\n"), path
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_the_served_manifest_is_valid_against_microsofts_schemas(
    client: TestClient, schema: xmlschema.XMLSchema
) -> None:
    answer = client.get("/manifest.xml")
    assert answer.status_code == 200
    assert errors(schema, answer.text) == []


def test_the_schemas_do_catch_a_broken_manifest(schema: xmlschema.XMLSchema) -> None:
    broken = manifest_xml().replace(
        "<Permissions>ReadWriteDocument</Permissions>", "<Permissions>All</Permissions>"
    )
    assert errors(schema, broken)
    misplaced = (
        manifest_xml()
        .replace("<Version>1.0.0.0</Version>", "")
        .replace("</ProviderName>", "</ProviderName><Version>1.0.0.0</Version>")
    )
    assert errors(schema, misplaced)


def test_the_manifest_is_served_as_xml(client: TestClient) -> None:
    for path in ("/manifest.xml", "/manifest", "/manifest/download"):
        answer = client.get(path)
        assert answer.headers["content-type"] == "application/xml; charset=utf-8", path
    assert "attachment" in client.get("/manifest/download").headers["content-disposition"]


def test_its_urls_come_from_configuration_never_from_the_host_header(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BAHI_PUBLIC_URL", "https://bahi.office.lan:8443/")
    answer = client.get("/manifest.xml", headers={"Host": "evil.example", "X-Forwarded-Proto": "http"})
    found = set(re.findall(r'"(https?://[^"]+)"', answer.text)) | set(
        re.findall(r">(https?://[^<]+)<", answer.text)
    )
    urls = {u for u in found if not u.startswith(("http://schemas.microsoft.com/", "http://www.w3.org/"))}
    assert len(urls) > 20  # the task pane, the formulas' script and metadata, every icon
    assert all(
        u.startswith("https://bahi.office.lan:8443/") or u == "https://bahi.office.lan:8443" for u in urls
    )
    assert "evil.example" not in answer.text


def test_the_high_resolution_icon_is_64_pixels_and_the_icon_32(client: TestClient) -> None:
    document = ET.fromstring(client.get("/manifest.xml").content)
    for element, size in (("IconUrl", 32), ("HighResolutionIconUrl", 64)):
        url = document.find(f"o:{element}", NS).get("DefaultValue")
        path = url.removeprefix(public_url())
        assert client.get(path).status_code == 200, url
        assert png_size(ICON_DIR / path.rsplit("/", 1)[1]) == (size, size), element


def test_every_ribbon_image_is_the_size_the_manifest_says(client: TestClient) -> None:
    document = ET.fromstring(client.get("/manifest.xml").content)
    resources = {i.get("id"): i.get("DefaultValue") for i in document.iterfind(".//bt:Images/bt:Image", NS)}
    uses = list(document.iterfind(".//v:Icon/bt:Image", NS))
    assert uses
    for use in uses:
        name = resources[use.get("resid")].rsplit("/", 1)[1]
        size = int(use.get("size"))
        assert png_size(ICON_DIR / name) == (size, size), name


def test_every_button_has_its_icon_drawn_and_every_drawn_icon_is_used() -> None:
    assert set(ribbon.icon_names()) == set(icons.ICONS)
    for name in ribbon.icon_names():
        for size in icons.ADDIN_SIZES if name == icons.ADDIN_ICON else icons.SIZES:
            assert (ICON_DIR / f"{name}-{size}.png").is_file(), (name, size)


def test_a_new_button_is_one_entry_of_ribbon_data(
    monkeypatch: pytest.MonkeyPatch, schema: xmlschema.XMLSchema
) -> None:
    # e.g. the coming "Sales & Purchases" group: data in addin/server/ribbon.py, nothing copied
    sales = ribbon.Group(
        "Sales",
        "Sales & Purchases",
        "बिक्री और ख़रीद",
        (
            dataclasses.replace(
                ribbon.RIBBON[0].buttons[0], key="SalesRegister", script="bahi_sales_register"
            ),
        ),
    )
    monkeypatch.setattr(ribbon, "RIBBON", (*ribbon.RIBBON, sales))
    xml = manifest_xml()
    assert errors(schema, xml) == []
    document = ET.fromstring(xml.encode())
    group = document.find(".//v:Group[@id='Bahi.Sales']", NS)
    assert group is not None
    assert group.find("v:Control/v:Action/v:FunctionName", NS).text == "bahi-sales-register"
    assert ribbon.button_scripts()["bahi-sales-register"] == "bahi_sales_register"


def test_labels_fit_office_string_lengths() -> None:
    for _id, en, _hi in ribbon.labels():
        assert len(en) <= 125
    for _id, en, _hi in ribbon.tooltips():
        assert len(en) <= 250


def test_the_formulas_excel_receives_have_office_names_and_one_line_help(client: TestClient) -> None:
    meta = client.get("/xlwings/custom-functions-meta").json()["functions"]
    ids = {f["id"] for f in meta}
    assert "FINYEAR" in ids
    assert "FY" not in ids
    for function in meta:
        # Office: an id and a name of three characters or more, letters, digits, periods, underscores
        assert re.fullmatch(r"[A-Z][A-Z0-9_.]{2,127}", function["id"]), function["id"]
        assert len(function["name"].rsplit(".", 1)[-1]) >= 3, function["name"]
        assert "\n" not in function["description"], function["id"]
        assert "Args:" not in function["description"], function["id"]
        for parameter in function["parameters"]:
            assert parameter["description"], (function["id"], parameter["name"])
            assert not parameter["description"].startswith("Positional argument"), function["id"]
