import pytest

from worldbrief.domain import AccessLevel
from worldbrief.membership.entitlements import Surface, entitlement, searchable_bodies
from worldbrief.membership.roles import Role, Viewer


@pytest.mark.parametrize("surface", list(Surface))
@pytest.mark.parametrize("role", list(Role))
def test_free_articles_are_open_to_everyone(role: Role, surface: Surface) -> None:
    assert entitlement(Viewer(role), AccessLevel.FREE, surface).full_text


@pytest.mark.parametrize("surface", list(Surface))
@pytest.mark.parametrize(
    ("role", "full"),
    [
        (Role.READER, False),
        (Role.REGISTERED, False),
        (Role.MEMBER, True),
        (Role.ANALYST, True),
        (Role.EDITOR, True),
        (Role.ADMIN, True),
    ],
)
def test_members_articles_open_only_to_members_and_staff(
    role: Role, full: bool, surface: Surface
) -> None:
    assert entitlement(Viewer(role), AccessLevel.MEMBERS, surface).full_text is full


@pytest.mark.parametrize(
    ("role", "bodies"),
    [
        (Role.READER, {AccessLevel.FREE}),
        (Role.REGISTERED, {AccessLevel.FREE}),
        (Role.MEMBER, {AccessLevel.FREE, AccessLevel.MEMBERS}),
        (Role.ANALYST, {AccessLevel.FREE, AccessLevel.MEMBERS}),
        (Role.EDITOR, {AccessLevel.FREE, AccessLevel.MEMBERS}),
        (Role.ADMIN, {AccessLevel.FREE, AccessLevel.MEMBERS}),
    ],
)
def test_searches_match_only_the_bodies_a_viewer_may_read(
    role: Role, bodies: set[AccessLevel]
) -> None:
    assert searchable_bodies(Viewer(role)) == bodies
