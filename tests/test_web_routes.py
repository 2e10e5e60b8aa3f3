"""The workbench through FastAPI's test client: every route, roles, CSRF, escaping,
the review actions over HTML forms and over the JSON API, the concurrency refusal,
login throttling, exports and an ingest job.

The store holds two invented reports (tests/conftest.py): one with ``<script>`` and
attribute-injection text in its body, title and URL."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from conftest import WEB_HERALD, csrf_of

from mildip.model import REVIEW_STATES
from mildip.store.overrides import history


def _event(store, type_, doc="gondor-herald"):
    [event] = [e for e in store.events(review=REVIEW_STATES) if e.type == type_ and doc in e.docs]
    return event


def _routes(method: str) -> set[str]:
    """Paths of the workbench's routes answering ``method`` (both routers)."""
    from mildip.web import api, pages

    return {
        r.path
        for router in (pages.router, api.router)
        for r in router.routes
        if method in getattr(r, "methods", ())
    }


def _post(client, path, page, **data):
    """POST a form from a page the client just read (its CSRF token)."""
    return client.post(path, data={"csrf_token": csrf_of(client.get(page).text), **data})


def _pages(store):
    event = _event(store, "DIALOGUE")
    return [
        "/",
        "/?party=GDR&vs=RHN",
        "/events",
        "/events?pair=GDR-RHN&type=DIALOGUE&type=MEET&sort=type&order=desc",
        "/events?q=beacon&review=machine&per_page=25",
        "/events?any_party=MOR+RHN&modality=asserted&mechanism=beacon",
        f"/events/{event.event_id}",
        "/documents",
        "/documents/gondor-herald",
        "/mechanisms",
        "/mechanisms?as_of=3019-04-01&party=GDR",
        "/trends?party=GDR&vs=RHN&vs_group=&by=month",
        "/report?pair=GDR-RHN",
        "/report/brief.html?party=GDR",
        "/events/export.csv",
        "/events/export.jsonl?type=MEET",
        "/events/export.parquet",
        "/ingest",
        "/users",
        "/api/events?pair=GDR-RHN",
        f"/api/events/{event.event_id}",
        f"/api/events/{event.event_id}/history",
        "/api/documents",
        "/api/documents/gondor-herald",
        "/api/documents/gondor-herald/events",
        "/api/mechanisms?as_of=3019-04-01",
        "/openapi.json",
        "/static/app.css",
        "/static/app.js",
    ]


def test_web_routes_every_page_renders_for_an_admin(web_app, web_client):
    _, store = web_app
    client = web_client("adam")
    for path in _pages(store):
        answer = client.get(path)
        assert answer.status_code == 200, f"{path}: {answer.status_code} {answer.text[:300]}"
        assert answer.headers["x-content-type-options"] == "nosniff"
        if answer.headers["content-type"].startswith("text/html"):
            assert "script-src 'self'" in answer.headers["content-security-policy"]


def test_web_routes_every_get_route_is_covered(web_app):
    _, store = web_app
    listed = {p.split("?")[0] for p in _pages(store)} | {"/login"}
    paths = _routes("GET")
    assert len(paths) >= 20
    templates = {
        "/events/{event_id}", "/documents/{doc_id:path}", "/mechanisms/{mechanism_id}",
        "/ingest/jobs/{job_id}", "/api/events/{event_id}", "/api/events/{event_id}/history",
        "/api/documents/{doc_id:path}", "/api/documents/{doc_id:path}/events",
        "/api/mechanisms/{mechanism_id}", "/api/ingest/jobs/{job_id}", "/events/export.{fmt}",
    }
    assert paths - templates - listed == set()


@pytest.mark.parametrize("path", ["/", "/events", "/documents/gondor-herald", "/mechanisms"])
def test_web_routes_anonymous_pages_redirect_to_login(web_client, path):
    answer = web_client().get(path)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("path", ["/api/events", "/api/documents"])
def test_web_routes_anonymous_api_gets_401(web_client, path):
    answer = web_client().get(path)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"


def test_web_routes_login_page_says_how_to_add_the_first_user(web_settings):
    from fastapi.testclient import TestClient

    from mildip.store import open_store
    from mildip.web.app import create_app

    with open_store(web_settings.db_url) as store, TestClient(create_app(web_settings, store)) as client:
        assert "mildip users add NAME --role admin" in client.get("/login").text


def test_web_routes_wrong_password_and_throttling(web_client):
    client = web_client()
    for _ in range(5):
        answer = _post(client, "/login", "/login", name="ana", password="nope")
        assert answer.status_code == 401
    answer = _post(client, "/login", "/login", name="ana", password="password-ana")
    assert answer.status_code == 429
    assert "too many failed logins" in answer.text


def test_web_routes_login_follows_only_local_next(web_client):
    client = web_client()
    answer = _post(client, "/login", "/login", name="ana", password="password-ana", next="//evil.example/x")
    assert answer.headers["location"] == "/"


def test_web_routes_logout_ends_the_session(web_client):
    client = web_client("ana")
    assert _post(client, "/logout", "/").status_code == 303
    assert client.get("/events").status_code == 303


# --- CSRF --------------------------------------------------------------------------------


def _post_routes():
    return sorted(
        (
            path,
            path.replace("{event_id}", "x")
            .replace("{action}", "accept")
            .replace("{doc_id:path}", "gondor-herald")
            .replace("{name}", "ana"),
        )
        for path in _routes("POST")
    )


def test_web_routes_every_post_without_csrf_is_refused(web_app, web_client):
    app, store = web_app
    client = web_client("adam")
    routes = _post_routes()
    assert len(routes) >= 15
    for template, path in routes:
        if path.startswith("/api/"):
            answer = client.post(path, json={})
        else:
            answer = client.post(path, data={"reason": "no token"})
        assert answer.status_code == 403, f"{template}: {answer.status_code}"
    assert history(store) == []


def test_web_routes_csrf_token_of_another_session_is_refused(web_app, web_client):
    _, store = web_app
    other = csrf_of(web_client("vera").get("/").text)
    client = web_client("ana")
    event = _event(store, "CANCEL")
    answer = client.post(f"/events/{event.event_id}/accept", data={"csrf_token": other, "version": 0})
    assert answer.status_code == 403


# --- roles -------------------------------------------------------------------------------


def test_web_routes_viewer_reads_but_cannot_review(web_app, web_client):
    _, store = web_app
    client = web_client("vera")
    event = _event(store, "CANCEL")
    page = client.get(f"/events/{event.event_id}")
    assert page.status_code == 200 and "Save changes" not in page.text
    answer = _post(client, f"/events/{event.event_id}/accept", "/", version=0)
    assert answer.status_code == 403
    assert "analyst role" in answer.text
    assert client.get("/ingest").status_code == 403
    assert history(store) == []


def test_web_routes_analyst_cannot_manage_users(web_client):
    client = web_client("ana")
    assert client.get("/users").status_code == 403
    answer = _post(client, "/users", "/", name="eve", role="admin", password="password-eve")
    assert answer.status_code == 403


def test_web_routes_admin_adds_and_disables_users(web_app, web_client):
    _, store = web_app
    client = web_client("adam")
    answer = _post(client, "/users", "/users", name="eve", role="viewer", password="password-eve")
    assert answer.status_code == 303
    assert web_client("eve").get("/").status_code == 200
    answer = _post(client, "/users/eve", "/users", role="viewer")
    assert answer.status_code == 303
    fresh = web_client()
    assert _post(fresh, "/login", "/login", name="eve", password="password-eve").status_code == 401
    answer = _post(client, "/users/adam", "/users", role="analyst", active="on")
    assert answer.status_code == 400 and "last admin" in answer.text


# --- escaping ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/documents/gondor-herald", "/documents", "/", "event"])
def test_web_routes_document_text_is_escaped(web_app, web_client, path):
    _, store = web_app
    if path == "event":
        path = f"/events/{_event(store, 'DIALOGUE').event_id}"
    html = web_client("ana").get(path).text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onmouseover='alert" not in html
    assert 'href="javascript:' not in html
    if path.startswith("/documents/"):
        assert "&lt;script&gt;alert(&#39;herald&#39;)&lt;/script&gt;" in html
        assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_web_routes_reason_and_fields_from_users_are_escaped(web_app, web_client):
    _, store = web_app
    client = web_client("ana")
    event = _event(store, "DIALOGUE")
    page = f"/events/{event.event_id}"
    answer = _post(
        client, f"{page}/edit", page, version=0, date="3019-03-10",
        mechanism='Talks" onfocus="alert(4)', reason="<script>alert(5)</script>",
    )
    assert answer.status_code == 303
    html = client.get(page).text
    assert "<script>alert(5)" not in html and "&lt;script&gt;alert(5)" in html
    assert 'onfocus="alert(4)' not in html


def test_web_routes_document_text_renders_verbatim_for_offsets(web_app, web_client):
    import html as html_lib
    import re

    page = web_client("ana").get("/documents/gondor-herald").text
    body = re.search(r'<div class="doc-text" id="doc-text"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert html_lib.unescape(re.sub(r"<[^>]+>", "", body)) == WEB_HERALD


# --- review over the forms --------------------------------------------------------------


@pytest.mark.parametrize("action, status", [("accept", "accepted"), ("reject", "rejected")])
def test_web_routes_form_actions_record_history(web_app, web_client, action, status):
    _, store = web_app
    client = web_client("ana")
    event = _event(store, "CANCEL")
    page = f"/events/{event.event_id}"
    answer = _post(client, f"{page}/{action}", page, version=0, reason="read the passage")
    assert answer.status_code == 303
    assert store.get_event(event.event_id).review == status
    [entry] = history(store)
    assert (entry.kind, entry.author, entry.reason) == (action, "ana", "read the passage")
    assert "read the passage" in client.get(page).text


def test_web_routes_form_edit_then_stale_form_gets_409(web_app, web_client):
    _, store = web_app
    first, second = web_client("ana"), web_client("adam")
    event = _event(store, "DIALOGUE")
    page = f"/events/{event.event_id}"
    token_a, token_b = csrf_of(first.get(page).text), csrf_of(second.get(page).text)
    ok = first.post(f"{page}/edit", data={"csrf_token": token_a, "version": 0, "date": "3019-03-10"})
    assert ok.status_code == 303
    late = second.post(f"{page}/edit", data={"csrf_token": token_b, "version": 0, "date": "3019-03-11"})
    assert late.status_code == 409
    assert "Nothing was saved" in late.text and "edit by ana" in late.text
    assert store.get_event(event.event_id).date == "3019-03-10"


def test_web_routes_form_merge_split_and_add(web_app, web_client):
    _, store = web_app
    client = web_client("ana")
    meets = [e for e in store.events() if e.type == "MEET"]
    answer = _post(
        client, "/events/merge", "/events",
        event=[f"{e.event_id}:{e.version}" for e in meets], reason="one meeting",
    )
    assert answer.status_code == 303
    merged_id = answer.headers["location"].split("/events/")[1].split("?")[0]
    assert store.get_event(merged_id).docs == ["gondor-herald", "rohan-chronicle"]
    merged = store.get_event(merged_id)
    page = f"/events/{merged_id}"
    answer = _post(client, f"{page}/split", page, version=merged.version, reason="two meetings")
    assert answer.status_code == 303
    quote = "Arnor and Gondor held a joint exercise"
    start = WEB_HERALD.index(quote)
    answer = _post(
        client, "/documents/gondor-herald/events", "/documents/gondor-herald",
        start=start, end=start + len(quote), quote=quote, type="EXERCISE", actors="ARN GDR",
        date="3019-03", modality="asserted", reason="missed",
    )
    assert answer.status_code == 303, answer.text
    added = answer.headers["location"].split("/events/")[1].split("?")[0]
    assert store.get_event(added).type == "EXERCISE"
    assert [h.kind for h in history(store)] == ["merge", "split", "add"]


# --- the JSON API ------------------------------------------------------------------------


@pytest.fixture
def token(web_app):
    from mildip.review.accounts import create_token

    _, store = web_app
    return create_token(store, "ana", "tests")


def test_web_routes_api_edit_with_a_token_then_409(web_app, web_client, token):
    _, store = web_app
    client = web_client()
    auth = {"Authorization": f"Bearer {token}"}
    event = _event(store, "DIALOGUE")
    body = {"version": 0, "reason": "misdated", "fields": {"date": "3019-03-10"}}
    answer = client.post(f"/api/events/{event.event_id}/edit", json=body, headers=auth)
    assert answer.status_code == 200, answer.text
    assert answer.json()["history"]["action"] == "edit"
    assert answer.json()["events"][0]["date"] == "3019-03-10"
    again = client.post(f"/api/events/{event.event_id}/edit", json=body, headers=auth)
    assert again.status_code == 409
    assert "version 1" in again.json()["detail"]
    [entry] = client.get(f"/api/events/{event.event_id}/history", headers=auth).json()
    assert entry["author"] == "ana" and entry["after"]["events"][0]["date"] == "3019-03-10"


@pytest.mark.parametrize(
    "path, body",
    [
        ("/api/events/{id}/accept", {"version": 0}),
        ("/api/events/{id}/reject", {"version": 0}),
        ("/api/events/{id}/edit", {"version": 0, "fields": {"round": 7}}),
        ("/api/merge", {"events": {}}),
    ],
)
def test_web_routes_api_without_credentials_gets_401_and_bad_token_401(web_app, web_client, path, body):
    _, store = web_app
    path = path.replace("{id}", _event(store, "DIALOGUE").event_id)
    client = web_client()
    assert client.post(path, json=body).status_code in (401, 403)
    answer = client.post(path, json=body, headers={"Authorization": "Bearer mdp_forged"})
    assert answer.status_code in (401, 403)
    assert history(store) == []


def test_web_routes_api_with_session_needs_the_csrf_header(web_app, web_client):
    _, store = web_app
    client = web_client("ana")
    event = _event(store, "CANCEL")
    path = f"/api/events/{event.event_id}/accept"
    assert client.post(path, json={"version": 0}).status_code == 403
    token = csrf_of(client.get("/").text)
    answer = client.post(path, json={"version": 0}, headers={"X-CSRF-Token": token})
    assert answer.status_code == 200
    assert answer.json()["events"][0]["review"] == "accepted"


def test_web_routes_api_viewer_token_cannot_decide(web_app, web_client):
    from mildip.review.accounts import create_token

    _, store = web_app
    viewer = create_token(store, "vera")
    event = _event(store, "CANCEL")
    answer = web_client().post(
        f"/api/events/{event.event_id}/reject", json={"version": 0},
        headers={"Authorization": f"Bearer {viewer}"},
    )
    assert answer.status_code == 403


def test_web_routes_api_merge_split_restore_and_add(web_app, web_client, token):
    _, store = web_app
    client = web_client()
    auth = {"Authorization": f"Bearer {token}"}
    meets = {e.event_id: e.version for e in store.events() if e.type == "MEET"}
    merged = client.post("/api/merge", json={"events": meets, "reason": "same"}, headers=auth).json()
    [event] = merged["events"]
    split = client.post(f"/api/events/{event['event_id']}/split", json={"version": event["version"]}, headers=auth)
    assert len(split.json()["events"]) == 2
    cancel = _event(store, "CANCEL")
    client.post(f"/api/events/{cancel.event_id}/reject", json={"version": 0}, headers=auth)
    restored = client.post(f"/api/events/{cancel.event_id}/restore", json={"version": 1}, headers=auth)
    assert restored.json()["events"][0]["review"] == "machine"
    quote = "Arnor and Gondor held a joint exercise"
    start = WEB_HERALD.index(quote)
    body = {"start": start, "end": start + len(quote), "fields": {"type": "EXERCISE", "actors": ["ARN", "GDR"]}}
    added = client.post("/api/documents/gondor-herald/events", json=body, headers=auth)
    assert added.status_code == 200 and added.json()["history"]["action"] == "add"


def test_web_routes_openapi_lists_the_api(web_client):
    schema = web_client().get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/events", "/api/events/{event_id}/edit", "/api/merge", "/api/mechanisms"} <= paths
    assert not any(p.startswith("/events") for p in paths)


# --- exports and filters -----------------------------------------------------------------


def test_web_routes_exports_follow_the_filters_and_say_the_review(web_app, web_client):
    _, store = web_app
    client = web_client("ana")
    event = _event(store, "DIALOGUE")
    page = f"/events/{event.event_id}"
    _post(client, f"{page}/edit", page, version=0, date="3019-03-10", reason="misdated")
    rows = list(csv.DictReader(io.StringIO(client.get("/events/export.csv?pair=GDR-RHN").text)))
    assert {r["type"] for r in rows} == {"DIALOGUE", "MEET"}
    [dialogue] = [r for r in rows if r["type"] == "DIALOGUE"]
    assert (dialogue["date"], dialogue["review"]) == ("3019-03-10", "edited")
    lines = client.get("/events/export.jsonl?type=CANCEL").text.splitlines()
    assert [json.loads(line)["review"] for line in lines] == ["machine"]
    table = pq.read_table(io.BytesIO(client.get("/events/export.parquet").content))
    assert set(table.column("review").to_pylist()) == {"machine", "edited"}


@pytest.mark.parametrize(
    "query, message",
    [
        ("since=March", "since="),
        ("type=PARLEY", "type="),
        ("pair=GDR", "pair="),
        ("party=g!", "party="),
        ("sort=colour", "sort="),
        ("per_page=7", "per_page="),
        ("review=maybe", "review="),
        ("outlet=nobody", "outlet=nobody: "),
        ("mechanism=zzyzx", "mechanism=zzyzx: "),
        ("doc=gondor", "doc=gondor: no document"),
    ],
)
def test_web_routes_bad_filters_get_400_naming_the_parameter(web_client, query, message):
    answer = web_client("vera").get(f"/events?{query}")
    assert answer.status_code == 400
    assert message in answer.text


def test_web_routes_events_page_filters_and_paginates(web_app, web_client):
    client = web_client("vera")
    html = client.get("/events?pair=GDR-RHN&type=MEET").text
    assert "2 found" in html
    html = client.get("/events?per_page=25&q=osgiliath").text
    assert "1 found" in html and "Osgiliath" in html
    assert "0 found" in client.get("/events?since=3020").text
    assert "1 found" in client.get("/events?any_party=MOR").text
    assert "1 found" in client.get("/events?mechanism=beacon").text
    assert "3 found" in client.get("/events?party=GDR&any_party=RHN+MOR&type=MEET&type=CANCEL").text


def test_web_routes_unknown_things_get_404(web_client):
    client = web_client("ana")
    assert client.get("/events/ev-nothing").status_code == 404
    assert client.get("/documents/no-such-doc").status_code == 404
    assert client.get("/mechanisms/no-such-mechanism").status_code == 404
    assert client.get("/ingest/jobs/123").status_code == 404
    assert client.get("/events/export.xls").status_code == 404


# --- ingest ------------------------------------------------------------------------------


def test_web_routes_ingest_job_reports_each_file(web_app, web_client):
    app, store = web_app
    client = web_client("ana")
    page = client.get("/ingest").text
    files = [
        ("files", ("arnor.txt", b"On 2 April 3019 Arnor and Gondor held talks in Annuminas.", "text/plain")),
        ("files", ("empty.txt", b"", "text/plain")),
    ]
    answer = client.post(
        "/ingest", data={"csrf_token": csrf_of(page), "published": "3019-04-03"}, files=files
    )
    assert answer.status_code == 303
    job_url = answer.headers["location"]
    app.state.jobs.wait(60)
    job_id = job_url.rsplit("/", 1)[1]
    state = client.get(f"/api/ingest/jobs/{job_id}").json()
    assert state["status"] == "done" and state["done"] == 2
    assert [f["file"] for f in state["failed"]] == ["empty.txt"]
    assert state["added"] == ["arnor"]
    assert store.get_document("arnor") is not None
    assert "failed" in client.get(job_url).text


def test_web_routes_ingest_job_counts_a_repeated_text_as_unchanged(web_app, web_client):
    app, _ = web_app
    client = web_client("ana")
    text = b"On 2 April 3019 Arnor and Gondor held talks in Annuminas."
    files = [
        ("files", ("first.txt", text, "text/plain")),
        ("files", ("copy.txt", text, "text/plain")),
    ]
    page = client.get("/ingest").text
    answer = client.post("/ingest", data={"csrf_token": csrf_of(page)}, files=files)
    app.state.jobs.wait(60)
    state = client.get(f"/api/ingest/jobs/{answer.headers['location'].rsplit('/', 1)[1]}").json()
    assert (state["status"], state["added"], state["unchanged"]) == ("done", ["first"], ["first"])


def test_web_routes_ingest_refuses_nothing_and_bad_dates(web_client):
    client = web_client("ana")
    assert _post(client, "/ingest", "/ingest").status_code == 400
    answer = _post(client, "/ingest", "/ingest", text="Some text.", published="3 April")
    assert answer.status_code == 400 and "not YYYY-MM-DD" in answer.text
