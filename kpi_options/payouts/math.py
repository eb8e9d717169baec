"""Fixed-point and EVM integer helpers the payout twins share (exact, wei for wei)."""

from __future__ import annotations

WAD = 10**18
"""1.0 in 18-decimal fixed point."""
INT256_MIN = -(2**255)
INT256_MAX = 2**255 - 1
UINT256_MAX = 2**256 - 1
UINT128_MAX = 2**128 - 1

__all__ = [
    "INT256_MAX",
    "INT256_MIN",
    "UINT128_MAX",
    "UINT256_MAX",
    "WAD",
    "ln_wad",
    "sdiv",
    "wad_div",
    "wad_mul",
    "wrap",
]


def wad_mul(a: int, b: int) -> int:
    """``floor(a * b / 1e18)`` for non-negative ``a``, ``b`` (UMA's FixedPoint ``mul``; the
    contracts use a 512-bit product, so there is no overflow to model)."""
    return a * b // WAD


def wad_div(a: int, b: int) -> int:
    """``floor(a * 1e18 / b)`` for non-negative ``a`` and positive ``b`` (UMA's FixedPoint ``div``)."""
    return a * WAD // b


def sdiv(a: int, b: int) -> int:
    """EVM/Solidity signed division: the quotient truncated toward zero."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


_TWO_256 = 2**256


def wrap(v: int) -> int:
    """Reduce ``v`` to a signed 256-bit word (two's complement wrap-around, as EVM opcodes do)."""
    return (v + 2**255) % _TWO_256 - 2**255


def ln_wad(x: int) -> int:
    """Exact twin of Solady 0.1.26 ``FixedPointMathLib.lnWad``: ``ln(x / 1e18) * 1e18``.

    This mirrors the library's integer steps one by one (read from
    ``node_modules/solady/src/utils/FixedPointMathLib.sol``): the bit-scan that finds the
    reduction shift, the reduction of ``x`` to [1, 2) in a 2**96 basis, the (8, 8)-term rational
    approximation evaluated with arithmetic right shifts, the signed division, and the final
    scaling and base conversion. Every intermediate is wrapped to a signed 256-bit word like the
    EVM's ``mul``/``add``/``sub``/``shl``, so the result is identical to the wei.
    Raises ``ValueError`` for ``x <= 0`` (the library reverts ``LnWadUndefined()``).
    """
    if x <= 0:
        raise ValueError(f"ln_wad is undefined for x <= 0 (got {x})")
    if x > INT256_MAX:
        raise ValueError(f"ln_wad input {x} does not fit in int256")
    # r := 255 ^ floor(log2(x)), found as in the library: a coarse bit-scan to a multiple of 8 ...
    r = int(x > 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF) << 7
    r |= int((x >> r) > 0xFFFFFFFFFFFFFFFF) << 6
    r |= int((x >> r) > 0xFFFFFFFF) << 5
    r |= int((x >> r) > 0xFFFF) << 4
    r |= int((x >> r) > 0xFF) << 3
    # ... then a lookup in two packed tables: byte(and(0x1f, shr(shr(r, x), T1)), T2).
    index = (0x8421084210842108CC6318C6DB6D54BE >> (x >> r)) & 0x1F
    table = 0xF8F9F9FAF9FDFAFBF9FDFCFDFAFBFCFEF9FAFDFAFCFCFBFEFAFAFCFBFFFFFFFF
    r ^= (table >> (248 - 8 * index)) & 0xFF
    # x := shr(159, shl(r, x)): x reduced to [1, 2) * 2**96.
    x = ((x << r) % _TWO_256) >> 159

    def sar96(v: int) -> int:
        return wrap(v) >> 96

    p = wrap(3273285459638523848632254066296 + x)
    p = sar96(p * x)
    p = wrap(24828157081833163892658089445524 + p)
    p = sar96(p * x)
    p = wrap(43456485725739037958740375743393 + p)
    p = sar96(p * x)
    p = wrap(p - 11111509109440967052023855526967)
    p = wrap(sar96(p * x) - 45023709667254063763336534515857)
    p = wrap(sar96(p * x) - 14706773417378608786704636184526)
    p = wrap(wrap(p * x) - wrap(795164235651350426258249787498 << 96))

    q = wrap(5573035233440673466300451813936 + x)
    q = wrap(71694874799317883764090561454958 + sar96(x * q))
    q = wrap(283447036172924575727196451306956 + sar96(x * q))
    q = wrap(401686690394027663651624208769553 + sar96(x * q))
    q = wrap(204048457590392012362485061816622 + sar96(x * q))
    q = wrap(31853899698501571402653359427138 + sar96(x * q))
    q = wrap(909429971244387300277376558375 + sar96(x * q))

    p = sdiv(p, q)
    p = wrap(1677202110996718588342820967067443963516166 * p)
    p = wrap(
        wrap(16597577552685614221487285958193947469193820559219878177908093499208371 * (159 - r))
        + p
    )
    p = wrap(600920179829731861736702779321621459595472258049074101567377883020018308 + p)
    return p >> 174
