"""The keeper on a MULTIPLE_VALUES pair (several KPIs in one option, issue 17): it reads each
value's recipe from the request's own UMIP-183 ancillary data, resolves every metric from the local
metric server (127.0.0.1), turns each reading into its 32-bit integer, proposes the packed answer,
and disputes a third party's wrongly packed proposal."""

import pytest
import yaml

from kpi_options import lifecycle as lc
from kpi_options import render
from kpi_options.ancillary.multiple_values import UNRESOLVABLE, pack, unpack
from kpi_options.chain.oracle import OracleState
from kpi_options.keeper.multiple import read_rules
from tests.fixtures.keeper import (  # noqa: F401 - fixtures
    DAY,
    WAD,
    advance_to,
    defillama,
    launch_minted,
    make_keeper,
    midnight,
)


def kinds(actions):
    return [a.kind for a in actions]


@pytest.fixture
def expiry(chain):
    return midnight(chain.pending_timestamp + 7 * DAY) + DAY // 2


@pytest.fixture
def launch_multi(kpi_env, launcher, sponsor, deployer, tmp_path, metric_server, expiry):
    """Serve TVL (DefiLlama) and users (JSON) for ``name`` and launch a MULTIPLE_VALUES pair on
    them: TVL in USD millions (100 -> 500, weight 0.6), users (1,000 -> 20,000, weight 0.4)."""

    def run(name, tvl, users):
        tvl_url = metric_server.route(f"/{name}/tvl", defillama({midnight(expiry): tvl}))
        users_url = metric_server.route(
            f"/{name}/users", {"data": [{"t": midnight(expiry), "users": users}]}
        )
        program = {
            "version": 1,
            "pairName": f"Keeper multi {name}",
            "expiration": "2036-06-30T00:00:00Z",
            "collateral": "UMA",
            "collateralPerPair": 1,
            "priceIdentifier": "MULTIPLE_VALUES",
            "longToken": {"name": f"{name} long", "symbol": f"{name[:6]}L"},
            "shortToken": {"name": f"{name} short", "symbol": f"{name[:6]}S"},
            "payout": {"library": "MultiMetric", "parameters": {"minimumPercentage": "0.1"}},
            "metrics": [
                {
                    "label": "TVL (USD millions)",
                    "unit": "USD millions",
                    "lowerBound": 100,
                    "upperBound": 500,
                    "weight": "0.6",
                    "scaling": -6,
                    "resolution": {"endpoint": tvl_url, "format": "defillama", "interval": "daily"},
                },
                {
                    "label": "Active users",
                    "unit": "users",
                    "lowerBound": 1000,
                    "upperBound": 20000,
                    "weight": "0.4",
                    "rounding": "half-up",
                    "resolution": {
                        "endpoint": users_url,
                        "format": "json",
                        "series": "data",
                        "time": "t",
                        "value": "users",
                        "interval": "daily",
                    },
                },
            ],
            "ancillary": {"title": f"{name} KPIs", "description": "TVL and users at expiry."},
            "liveness": 7200,
            "bond": 50,
        }
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(program, sort_keys=False))
        return launch_minted(kpi_env, launcher, sponsor, deployer, path, name, expiry)

    return run


def test_keeper__multiple_values_pair__proposes_packed_values_and_settles(
    kpi_env, chain, launch_multi, expiry, funded_keeper, sponsor
):
    p = launch_multi("m1", 320_999_999, "12344.5")
    rules = read_rules(bytes(p.contract.customAncillaryData()))
    assert [(r.label, r.scaling, r.rounding) for r in rules] == [
        ("TVL (USD millions)", -6, "down"),
        ("Active users", 0, "half-up"),
    ]
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["m1"])
    advance_to(chain, expiry + 60)
    assert kinds(keeper.cycle()) == ["expire"]
    proposed = keeper.cycle()
    assert kinds(proposed) == ["propose"]
    # $320,999,999 -> 320 (millions, rounded down); 12,344.5 users -> 12,345 (half up)
    assert proposed[0].price == pack([320, 12_345])
    # Log line and status show the values by label, not the packed integer as a 1e18 number.
    decoded = "TVL (USD millions)=320, Active users=12345"
    assert f"proposed {decoded} from Endpoint" in str(proposed[0])
    status = render.format_status(lc.pair_status(kpi_env, "m1"))
    assert f"proposed {decoded} by {funded_keeper.address}" in status
    request = p.request(early=False)
    assert request.state == OracleState.Proposed
    assert unpack(request.proposed_price, 2) == (320, 12_345)

    advance_to(chain, request.expiration_time + 1)
    assert kinds(keeper.cycle()) == ["settle"]
    paid = lc.settle(kpi_env, sponsor, "m1")
    # 0.1 + 0.9 x (0.6 x 220/400 + floor(0.4e18 x 11,345 / 19,000))
    users = 4 * WAD // 10 * 11_345 // 19_000
    share = WAD // 10 + (33 * WAD // 100 + users) * 9 // 10
    assert paid.percent_long == share


def test_keeper__wrongly_packed_third_party_proposal__disputed(
    requester, proposer, deployer, kpi_env, chain, launch_multi, expiry, funded_keeper
):
    p = launch_multi("m2", 500_000_000, 20_000)
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["m2"])
    advance_to(chain, expiry + 60)
    lc.expire(kpi_env, requester, "m2")
    lc.faucet(kpi_env, deployer, "UMA", "51", to=proposer.address)
    p.collateral.approve(p.oracle.address, 51 * WAD, sender=proposer)
    request = p.request(early=False)
    swapped = pack([20_000, 500])  # the labels' order swapped
    p.oracle.proposePrice(p.address, *request.key, swapped, sender=proposer)

    disputed = keeper.cycle()
    assert kinds(disputed) == ["dispute"] and disputed[0].price == pack([500, 20_000])
    assert (
        "proposal TVL (USD millions)=20000, Active users=500 differs from "
        "TVL (USD millions)=500, Active users=20000" in disputed[0].detail
    )
    assert p.request(early=False).state == OracleState.Disputed


def test_keeper__metric_beyond_32_bits__proposes_unresolvable(
    kpi_env, chain, launch_multi, expiry, funded_keeper
):
    launch_multi("m3", 2**32 * 10**6, 5_000)  # TVL of 4.3 quadrillion USD millions
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["m3"])
    advance_to(chain, expiry + 60)
    assert kinds(keeper.cycle()) == ["expire"]
    proposed = keeper.cycle()
    assert kinds(proposed) == ["propose"] and proposed[0].price == UNRESOLVABLE
    assert "proposed unresolvable (type(int256).max)" in proposed[0].detail


def test_keeper__explain_multiple_values_pair__one_recipe_per_value(
    kpi_env, chain, launch_multi, funded_keeper
):
    launch_multi("m4", 100_000_000, 1000)
    keeper = make_keeper(kpi_env, funded_keeper, chain, pairs=["m4"])
    text = "\n".join(keeper.explain("m4"))
    assert "value 0 (TVL (USD millions), USD millions): reading x 10^-6 rounded down" in text
    assert "value 1 (Active users, users): reading rounded half-up" in text
