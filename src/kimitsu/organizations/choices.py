from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    COMPANY = "company", _("Company")
    DESK = "desk", _("Consultation desk")


class Role(models.TextChoices):
    # company roles
    ADMIN = "admin", _("Administrator")
    MANAGER = "manager", _("Department manager")
    MEMBER = "member", _("Employee")
    AUDITOR = "auditor", _("Auditor")
    ADVISOR = "advisor", _("External advisor")
    # desk roles
    DESK_ADMIN = "desk_admin", _("Desk administrator")
    DESK_ADVISOR = "desk_advisor", _("Advisor")
    LAWYER = "lawyer", _("Lawyer")


COMPANY_ROLES = [Role.ADMIN, Role.MANAGER, Role.MEMBER, Role.AUDITOR, Role.ADVISOR]
DESK_ROLES = [Role.DESK_ADMIN, Role.DESK_ADVISOR, Role.LAWYER]
# Roles that must log in with a second factor (issue 2): company administrators, all desk staff.
TWO_FACTOR_ROLES = {Role.ADMIN, Role.DESK_ADMIN, Role.DESK_ADVISOR, Role.LAWYER}


class PersonStatus(models.TextChoices):
    ACTIVE = "active", _("Employed")
    LEAVING = "leaving", _("Leaving")
    LEFT = "left", _("Left")


class Prefecture(models.TextChoices):
    HOKKAIDO = "01", _("Hokkaido")
    AOMORI = "02", _("Aomori")
    IWATE = "03", _("Iwate")
    MIYAGI = "04", _("Miyagi")
    AKITA = "05", _("Akita")
    YAMAGATA = "06", _("Yamagata")
    FUKUSHIMA = "07", _("Fukushima")
    IBARAKI = "08", _("Ibaraki")
    TOCHIGI = "09", _("Tochigi")
    GUNMA = "10", _("Gunma")
    SAITAMA = "11", _("Saitama")
    CHIBA = "12", _("Chiba")
    TOKYO = "13", _("Tokyo")
    KANAGAWA = "14", _("Kanagawa")
    NIIGATA = "15", _("Niigata")
    TOYAMA = "16", _("Toyama")
    ISHIKAWA = "17", _("Ishikawa")
    FUKUI = "18", _("Fukui")
    YAMANASHI = "19", _("Yamanashi")
    NAGANO = "20", _("Nagano")
    GIFU = "21", _("Gifu")
    SHIZUOKA = "22", _("Shizuoka")
    AICHI = "23", _("Aichi")
    MIE = "24", _("Mie")
    SHIGA = "25", _("Shiga")
    KYOTO = "26", _("Kyoto")
    OSAKA = "27", _("Osaka")
    HYOGO = "28", _("Hyogo")
    NARA = "29", _("Nara")
    WAKAYAMA = "30", _("Wakayama")
    TOTTORI = "31", _("Tottori")
    SHIMANE = "32", _("Shimane")
    OKAYAMA = "33", _("Okayama")
    HIROSHIMA = "34", _("Hiroshima")
    YAMAGUCHI = "35", _("Yamaguchi")
    TOKUSHIMA = "36", _("Tokushima")
    KAGAWA = "37", _("Kagawa")
    EHIME = "38", _("Ehime")
    KOCHI = "39", _("Kochi")
    FUKUOKA = "40", _("Fukuoka")
    SAGA = "41", _("Saga")
    NAGASAKI = "42", _("Nagasaki")
    KUMAMOTO = "43", _("Kumamoto")
    OITA = "44", _("Oita")
    MIYAZAKI = "45", _("Miyazaki")
    KAGOSHIMA = "46", _("Kagoshima")
    OKINAWA = "47", _("Okinawa")


# 日本標準産業分類 (Japan Standard Industrial Classification), divisions A–T.
class Industry(models.TextChoices):
    A = "A", _("Agriculture and forestry")
    B = "B", _("Fisheries")
    C = "C", _("Mining and quarrying of stone and gravel")
    D = "D", _("Construction")
    E = "E", _("Manufacturing")
    F = "F", _("Electricity, gas, heat supply and water")
    G = "G", _("Information and communications")
    H = "H", _("Transport and postal activities")
    I = "I", _("Wholesale and retail trade")  # noqa: E741
    J = "J", _("Finance and insurance")
    K = "K", _("Real estate and goods rental and leasing")
    L = "L", _("Scientific research, professional and technical services")
    M = "M", _("Accommodations, eating and drinking services")
    N = "N", _("Living-related and personal services and amusement services")
    O = "O", _("Education, learning support")  # noqa: E741
    P = "P", _("Medical, health care and welfare")
    Q = "Q", _("Compound services")
    R = "R", _("Services, n.e.c.")
    S = "S", _("Government, except elsewhere classified")
    T = "T", _("Industries unable to classify")


class ContractSigning(models.TextChoices):
    """How the company executes a contract it signs (the NDA, an outsourcing contract): the
    closing sentence of the contract and the company's signature block follow it."""

    NAME_AND_SEAL = "name_seal", _("Printed name and seal (記名押印)")
    SIGNATURE = "signature", _("Handwritten signature (署名)")
    ELECTRONIC = "electronic", _("Electronic signature (電子署名)")
