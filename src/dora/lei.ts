/** ISO 17442: 18 alphanumeric characters and two check digits (the EBA rules v8890ff use this pattern). */
const LEI_PATTERN = /^[A-Z0-9]{18}[0-9]{2}$/

/** The number ISO 7064 MOD 97-10 works on: letters become 10–35, digits stay. */
function remainderMod97(text: string): number {
  let remainder = 0
  for (const char of text) {
    const value = Number.parseInt(char, 36)
    // Two-digit values shift by two places, one-digit values by one.
    remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97
  }
  return remainder
}

/** Whether `lei` has the ISO 17442 form and its check digits hold (the whole code mod 97 is 1). */
export function isValidLei(lei: string): boolean {
  return LEI_PATTERN.test(lei) && remainderMod97(lei) === 1
}

/** The two check digits for an 18-character LEI prefix (for fixtures and test data). */
export function leiCheckDigits(prefix: string): string {
  return String(98 - remainderMod97(`${prefix}00`)).padStart(2, '0')
}
