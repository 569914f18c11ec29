"""Members of the cooperative and their money: simpanan (shares), dues, payments.

Every movement of member money posts a balanced entry through ``ledger.services``.
"""
