"""Published ancillary data used as test vectors (facts from UMA's documents, cited per item)."""

# UMIP-117 (UMAprotocol/UMIPs, UMIPs/umip-117.md): UMA TVL example, as stored bytes.
UMIP117_TVL_HEX = (
    "4d65747269633a54564c20696e20554d412066696e616e6369616c20636f6e747261637473206d6561737572"
    "656420696e2062696c6c696f6e73206f66205553442c456e64706f696e743a2268747470733a2f2f6170692e"
    "756d6170726f6a6563742e6f72672f756d612d74766c222c4d6574686f643a2268747470733a2f2f67697468"
    "75622e636f6d2f554d4170726f746f636f6c2f554d4950732f626c6f622f6d61737465722f554d4950732f75"
    "6d69702d36352e6d64222c4b65793a63757272656e7454766c2c496e74657276616c3a557064617465642065"
    "76657279203130206d696e757465732c526f756e64696e673a2d372c5363616c696e673a2d39"
)
UMIP117_TVL_FIELDS = {
    "Metric": "TVL in UMA financial contracts measured in billions of USD",
    "Endpoint": "https://api.umaproject.org/uma-tvl",
    "Method": "https://github.com/UMAprotocol/UMIPs/blob/master/UMIPs/umip-65.md",
    "Key": "currentTvl",
    "Interval": "Updated every 10 minutes",
    "Rounding": "-7",
    "Scaling": "-9",
}
# The same example as the UMIP prints it for reading (one pair per line).
UMIP117_TVL_READABLE = """Metric:TVL in UMA financial contracts measured in billions of USD,
Endpoint:"https://api.umaproject.org/uma-tvl",
Method:"https://github.com/UMAprotocol/UMIPs/blob/master/UMIPs/umip-65.md",
Key:currentTvl,
Interval:Updated every 10 minutes,
Rounding:-7,
Scaling:-9"""

# UMIP-117: UMA DAO integrations example (a quoted value holding commas: "$1,000,000").
UMIP117_DAO_HEX = (
    "4d65747269633a4e756d626572206f66207175616c696679696e6720554d412044414f20696e746567726174"
    "696f6e732c456e64706f696e743a2268747470733a2f2f6170692e756d6170726f6a6563742e6f72672f756d"
    "612d64616f2d696e746567726174696f6e73222c4d6574686f643a2268747470733a2f2f6769746875622e63"
    "6f6d2f554d4170726f746f636f6c2f554d4950732f626c6f622f6d61737465722f554d4950732f756d69702d"
    "3131322e6d64222c4b65793a63757272656e74496e746567726174696f6e732c496e74657276616c3a557064"
    "61746564206461696c792c526f756e64696e673a322c737461727454696d657374616d703a31363232353237"
    "3230302c6d617842617365496e746567726174696f6e733a31352c6d6178426f6e7573496e74656772617469"
    "6f6e733a332c626f6e75734d696e56616c75653a2224312c3030302c303030222c626f6e7573496e74656772"
    "6174696f6e734d756c7469706c6965723a332e30302c666c6f6f72496e746567726174696f6e733a33"
)
UMIP117_DAO_FIELDS = {
    "Metric": "Number of qualifying UMA DAO integrations",
    "Endpoint": "https://api.umaproject.org/uma-dao-integrations",
    "Method": "https://github.com/UMAprotocol/UMIPs/blob/master/UMIPs/umip-112.md",
    "Key": "currentIntegrations",
    "Interval": "Updated daily",
    "Rounding": "2",
    "startTimestamp": "1622527200",
    "maxBaseIntegrations": "15",
    "maxBonusIntegrations": "3",
    "bonusMinValue": "$1,000,000",
    "bonusIntegrationsMultiplier": "3.00",
    "floorIntegrations": "3",
}

# UMA docs, docs/kpi-options/deployment-tutorial.md: the published bytes of the UMA-TVL-1221
# example. The shell command nested double quotes, so the URLs lost theirs (breaks UMIP-117).
TUTORIAL_HEX = (
    "4d65747269633a54564c20696e20554d412066696e616e6369616c20636f6e747261637473206d6561737572"
    "656420696e206d696c6c696f6e73206f66205553442c456e64706f696e743a68747470733a2f2f6170692e75"
    "6d6170726f6a6563742e6f72672f756d612d74766c2c4d6574686f643a68747470733a2f2f6769746875622e"
    "636f6d2f554d4170726f746f636f6c2f554d4950732f626c6f622f6d61737465722f496d706c656d656e7461"
    "74696f6e732f756d612d74766c2e6d642c4b65793a63757272656e7454766c2c496e74657276616c3a557064"
    "61746564206576657279203130206d696e757465732c526f756e64696e673a2d362c5363616c696e673a2d36"
)

# UMIPs Implementations/smart-alpha.md: BarnBridge SMART Alpha (ETHUSD), one pair per line as
# published (reference kpi-ancillary-launch.md §6).
SMART_ALPHA_READABLE = """Metric:SMART Alpha pool TVL adjusted by average senior/junior balance,
Method:"https://github.com/UMAprotocol/UMIPs/blob/master/Implementations/smart-alpha.md",
Interval:based on pool epoch cycle,
Aggregation:Last epoch TVL multiplied by average balance factor for all full epochs since 1631541600,
Pool:0x31f7Da25361AD99ca4DAa4E8709624660f324F48,
TVLPriceFeed:0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419,
MaxTVL:19900000,
MinTVL:100000,
Rounding:8"""
SMART_ALPHA_COMPACT = SMART_ALPHA_READABLE.replace(",\n", ",")
