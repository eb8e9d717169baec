"""Ancillary data of the oracle requests: general_kpi.py (UMIP-117 General_KPI encode, parse,
validate, byte budget, resolution rounding)."""
