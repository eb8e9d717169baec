"""Ancillary data of the oracle requests: general_kpi.py (UMIP-117 General_KPI encode, parse,
validate, byte budget, resolution rounding) and multiple_values.py (UMIP-183 MULTIPLE_VALUES:
pack and unpack the answer, its special values, the JSON ancillary data)."""
