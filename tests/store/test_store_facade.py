"""The store's temporary façade (`repository`) over its subject modules."""

from salesdesk.store import repository as repo


def test_the_facade_hands_on_every_name_from_its_subject_module():
    patched = {"save_deal", "list_deals", "COUNT_CAP", "BROAD_MATCHES", "_refresh_contact_dates"}
    assert patched | {"_order", "_filtered", "_conditions"} <= repo._HOMES.keys()
    for name, (module, home) in repo._HOMES.items():
        assert getattr(repo, name) is getattr(module, home), name


def test_a_name_set_on_the_facade_is_set_where_the_store_reads_it(monkeypatch):
    """A test's patch of `repo.BROAD_MATCHES` or `repo._refresh_contact_dates` reaches
    the code of the subject module that reads it, and is undone there too."""
    for name, (module, home) in repo._HOMES.items():
        before = getattr(module, home)
        stand_in = object()
        monkeypatch.setattr(repo, name, stand_in)
        assert getattr(module, home) is stand_in, name
        monkeypatch.undo()
        assert getattr(module, home) is before and getattr(repo, name) is before, name
